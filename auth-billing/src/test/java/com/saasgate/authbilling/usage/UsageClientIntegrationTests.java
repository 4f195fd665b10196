package com.saasgate.authbilling.usage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.usageclient.UsageClient;
import com.saasgate.usageclient.UsageClient.UsageEvent;
import com.saasgate.usageclient.UsageClientException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** shared-security's {@link UsageClient} against the real endpoints. */
@IntegrationTest
class UsageClientIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	UsageFixtures usage;

	UsageClient client;

	@BeforeEach
	void fixtures() {
		this.usage = new UsageFixtures(this.api, this.jdbc);
		this.client = UsageClient.builder(URI.create("http://localhost:" + this.port), TestServiceTokens.TOKENS,
				"intelligence").build();
	}

	@Test
	void clientWhenRecordingThenTheLedgerCountsAndReplaysByKey() {
		UUID user = this.usage.trialUser();
		UsageEvent event = new UsageEvent(user, "llm_tokens", 120, Map.of("model", "m"), "client-1");

		UsageClient.RecordResult first = this.client.record(event);
		UsageClient.RecordResult again = this.client.record(event);
		List<UsageClient.RecordResult> batch = this.client.recordBatch(
				List.of(new UsageEvent(user, "llm_tokens", 30, null, null), new UsageEvent(user, "agent_minutes", 2, null, null)));

		assertThat(first.duplicate()).isFalse();
		assertThat(again.duplicate()).isTrue();
		assertThat(again.used()).isEqualTo(120);
		assertThat(batch).extracting(UsageClient.RecordResult::used).containsExactly(150L, 2L);
		assertThat(this.client.quota(user, "llm_tokens").remaining()).isEqualTo(100000 - 150);
	}

	@Test
	void clientWhenReservingThenCommitsAndReleasesAndReportsRefusals() {
		UUID user = this.usage.user("free_restricted", null);

		UsageClient.Reservation hold = this.client.reserve(user, "agent_minutes", 6, Duration.ofSeconds(60), null);
		UsageClient.CommitResult committed = this.client.commit(hold.reservationId(), 4, Map.of("run", "r-1"));
		UsageClient.Reservation other = this.client.reserve(user, "agent_minutes", 6, null, null);
		this.client.release(other.reservationId());

		assertThat(hold.remaining()).isEqualTo(4);
		assertThat(committed.used()).isEqualTo(4);
		assertThat(committed.remaining()).isEqualTo(6);
		assertThat(this.client.quota(user, "agent_minutes").remaining()).isEqualTo(6);
		assertThatThrownBy(() -> this.client.reserve(user, "agent_minutes", 7, null, null))
			.isInstanceOfSatisfying(UsageClientException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.code()).isEqualTo("quota_exceeded");
			});
		assertThatThrownBy(() -> this.client.commit(UUID.randomUUID(), 1, null))
			.isInstanceOfSatisfying(UsageClientException.class, (ex) -> assertThat(ex.code()).isEqualTo("not_found"));
	}

}
