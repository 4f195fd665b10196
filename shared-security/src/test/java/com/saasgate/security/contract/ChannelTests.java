package com.saasgate.security.contract;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChannelTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final UUID USER = UUID.fromString("0b7f3c7e-6c2a-4f57-9d0a-3e1f1f6a2b11");

	@Test
	void namesWhenReadThenTheContractsChannels() {
		assertThat(Channel.USER_TIER_CHANGED.name()).isEqualTo("user_tier_changed");
		assertThat(Channel.USER_QUOTA_EXHAUSTED.name()).isEqualTo("user_quota_exhausted");
	}

	@Test
	void writeWhenTierChangedThenExactlyTheContractsFields() {
		Instant changedAt = Instant.parse("2026-12-07T10:15:30.123456Z");
		String text = Channel.USER_TIER_CHANGED
			.write(TierChangedMessage.of(USER, Tier.PRO, Tier.FREE_TRIAL, 7, changedAt));

		JsonNode message = json.readTree(text);
		assertThat(message.propertyNames()).containsExactly("userId", "newTier", "oldTier", "version", "changedAt");
		assertThat(message.get("userId").asString()).isEqualTo(USER.toString());
		assertThat(message.get("newTier").asString()).isEqualTo("pro");
		assertThat(message.get("oldTier").asString()).isEqualTo("free_trial");
		assertThat(message.get("version").isIntegralNumber()).isTrue();
		assertThat(message.get("version").asLong()).isEqualTo(7);
		assertThat(message.get("changedAt").asString()).isEqualTo("2026-12-07T10:15:30.123456Z");
	}

	@Test
	void readWhenWrittenThenTheSameMessage() {
		TierChangedMessage change = new TierChangedMessage(USER, "basic", "pro", 3,
				Instant.parse("2026-12-07T10:15:30Z"));
		QuotaExhaustedMessage exhausted = new QuotaExhaustedMessage(USER, "llm_tokens",
				Instant.parse("2027-01-01T00:00:00Z"));

		assertThat(Channel.USER_TIER_CHANGED.read(Channel.USER_TIER_CHANGED.write(change))).isEqualTo(change);
		assertThat(Channel.USER_QUOTA_EXHAUSTED.read(Channel.USER_QUOTA_EXHAUSTED.write(exhausted)))
			.isEqualTo(exhausted);
	}

	@Test
	void writeWhenQuotaExhaustedThenTheContractsFields() {
		String text = Channel.USER_QUOTA_EXHAUSTED
			.write(new QuotaExhaustedMessage(USER, "llm_tokens", Instant.parse("2027-01-01T00:00:00Z")));

		assertThat(text).isEqualTo("{\"userId\":\"" + USER
				+ "\",\"resourceType\":\"llm_tokens\",\"periodEnd\":\"2027-01-01T00:00:00Z\"}");
	}

	@Test
	void readWhenFieldsUnknownOrInAnotherOrderThenRead() {
		TierChangedMessage change = Channel.USER_TIER_CHANGED.read("{\"version\":4,\"changedAt\":\"2026-12-07T10:00:00Z\","
				+ "\"oldTier\":\"basic\",\"newTier\":\"enterprise\",\"userId\":\"" + USER + "\",\"reason\":\"later\"}");

		assertThat(change).isEqualTo(new TierChangedMessage(USER, "enterprise", "basic", 4,
				Instant.parse("2026-12-07T10:00:00Z")));
	}

	@Test
	void readWhenNotTheChannelsMessageThenMalformedWithoutTheText() {
		for (String odd : new String[] { "{not json", "", "null", "[]", "{}", "{\"userId\":\"not-a-uuid\"}",
				"{\"userId\":\"" + USER + "\",\"version\":\"seven\"}" }) {
			assertThatExceptionOfType(MalformedMessageException.class)
				.isThrownBy(() -> Channel.USER_TIER_CHANGED.read(odd))
				.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Not a user_tier_changed message")
					.doesNotContain("not-a-uuid"));
		}
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> Channel.USER_QUOTA_EXHAUSTED.read("{\"resourceType\":\"llm_tokens\"}"));
	}

}
