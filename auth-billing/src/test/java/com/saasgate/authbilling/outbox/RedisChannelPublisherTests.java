package com.saasgate.authbilling.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.saasgate.security.contract.Channel;
import com.saasgate.security.contract.TierChangedMessage;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link RedisChannelPublisher} refuses before Redis is touched (it has none here: a publish
 * would fail with another exception). Publishing itself is covered against the embedded Redis by the
 * tier and usage tests.
 */
class RedisChannelPublisherTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RedisChannelPublisher tiers = new RedisChannelPublisher(Channel.USER_TIER_CHANGED, null) {
	};

	@Test
	void topicWhenConstructedThenTheChannelsName() {
		assertThat(this.tiers.topic()).isEqualTo(Outbox.USER_TIER_CHANGED).isEqualTo("user_tier_changed");
	}

	@Test
	void handleWhenPayloadIsNotTheChannelsMessageThenPermanentFailure() {
		assertThatExceptionOfType(PermanentDeliveryFailure.class)
			.isThrownBy(() -> this.tiers.handle(json.valueToTree(Map.of("userId", "u1", "tier", "pro"))))
			.withMessageStartingWith("Not a user_tier_changed message");
	}

	@Test
	void handleWhenOneMessageOfABatchIsMalformedThenNothingIsPublished() {
		TierChangedMessage valid = new TierChangedMessage(UUID.randomUUID(), "pro", "basic", 2, Instant.now());

		assertThatExceptionOfType(PermanentDeliveryFailure.class).isThrownBy(() -> this.tiers
			.handle(json.valueToTree(RedisChannelPublisher.batch(List.of(valid, Map.of("newTier", "pro"))))));
	}

}
