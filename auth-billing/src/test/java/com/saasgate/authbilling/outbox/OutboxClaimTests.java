package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.devsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims are exclusive, leased and fenced: two relays never both deliver one message. */
@IntegrationTest
class OutboxClaimTests {

	@Autowired
	OutboxRepository repository;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@Autowired
	List<OutboxHandler> handlers;

	@Autowired
	JdbcTemplate jdbc;

	OutboxRows rows;

	@BeforeEach
	void rows() {
		this.rows = new OutboxRows(this.jdbc);
	}

	@Test
	void relayWhenTwoRelaysRaceOverTheSameRowsThenEachMailIsSentOnce() throws Exception {
		// A short lease, a slow handler and a batch that fills most of the lease: the conditions under
		// which the old relay sent rows twice.
		OutboxProperties properties = OutboxRows.properties(5, Duration.ofMillis(200), Duration.ofMillis(1500), 10);
		OutboxHandler slowMail = slow(mailHandler(), Duration.ofMillis(20));
		OutboxRelay first = relay(properties, OutboxRows.clockAhead(), slowMail);
		OutboxRelay second = relay(properties, OutboxRows.clockAhead(), slowMail);
		List<String> addresses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 6; round++) {
				for (int i = 0; i < 15; i++) {
					String to = "race-" + round + "-" + i + "@example.com";
					addresses.add(to);
					this.rows.mailAhead(to);
				}
				CyclicBarrier start = new CyclicBarrier(2);
				CompletableFuture.allOf(CompletableFuture.runAsync(() -> drain(first, start), pool),
						CompletableFuture.runAsync(() -> drain(second, start), pool))
					.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(this.rows.count("delivered_at IS NULL")).isZero();
		assertThat(TestMail.server().getReceivedMessages()).hasSize(addresses.size());
		assertThat(addresses).allSatisfy((to) -> assertThat(TestMail.to(to)).as(to).hasSize(1));
		assertThat(this.rows.count("attempts <> 1")).isZero();
	}

	@Test
	void completeWhenLeaseTakenOverThenFirstRelayChangesNothing() {
		long id = this.rows.mailAhead("fenced@example.com");
		Instant now = Instant.now().plus(OutboxRows.AHEAD).plusSeconds(60);
		Duration lease = Duration.ofMinutes(1);
		OutboxRepository.Claim first = this.repository.claim(Set.of(Outbox.EMAIL), now, now.plus(lease), 10);

		Instant later = now.plus(lease).plusSeconds(1);
		OutboxRepository.Claim second = this.repository.claim(Set.of(Outbox.EMAIL), later, later.plus(lease), 10);

		assertThat(first.messages()).extracting(OutboxRepository.ClaimedMessage::id).containsExactly(id);
		assertThat(second.messages()).extracting(OutboxRepository.ClaimedMessage::id).containsExactly(id);
		assertThat(this.repository.markDelivered(id, first.token(), later, Set.of("text"))).isFalse();
		assertThat(this.repository.scheduleRetry(id, first.token(), later, "late")).isFalse();
		assertThat(this.repository.deadLetter(id, first.token(), later, "late")).isFalse();
		assertThat(this.repository.release(List.of(id), first.token())).isZero();
		assertThat(this.rows.row(id)).containsEntry("claim_token", second.token())
			.containsEntry("delivered_at", null)
			.containsEntry("dead_lettered_at", null)
			.containsEntry("last_error", null)
			.containsEntry("attempts", 2);
		assertThat(this.repository.markDelivered(id, second.token(), later, Set.of("text"))).isTrue();
	}

	@Test
	void claimWhenLeaseStillRunsThenOtherRelayGetsNothing() {
		this.rows.mailAhead("leased@example.com");
		Instant now = Instant.now().plus(OutboxRows.AHEAD).plusSeconds(60);
		this.repository.claim(Set.of(Outbox.EMAIL), now, now.plusSeconds(60), 10);

		OutboxRepository.Claim other = this.repository.claim(Set.of(Outbox.EMAIL), now.plusSeconds(59),
				now.plusSeconds(119), 10);

		assertThat(other.messages()).isEmpty();
	}

	@Test
	void relayWhenClaimTakenOverDuringDeliveryThenItsCompletionIsFencedAndCounted() {
		long id = this.rows.mailAhead("taken-over@example.com");
		MutableClock clock = OutboxRows.mutableClockAhead();
		OutboxProperties properties = OutboxRows.properties(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 10);
		List<Long> deliveredBySecond = new CopyOnWriteArrayList<>();
		MutableClock laterClock = new MutableClock(clock.instant().plusSeconds(31));
		OutboxRelay second = relay(properties, laterClock, handler((payload) -> deliveredBySecond.add(1L)));
		// The first relay stalls past its lease; meanwhile the second claims the row and delivers it.
		OutboxRelay first = relay(properties, clock, handler((payload) -> {
			assertThat(second.runOnce().delivered()).isEqualTo(1);
			clock.advance(Duration.ofSeconds(31));
		}));
		double lostBefore = claimsLost();

		OutboxRelay.Pass pass = first.runOnce();

		assertThat(pass.claimsLost()).isEqualTo(1);
		assertThat(pass.delivered()).isZero();
		assertThat(claimsLost()).isEqualTo(lostBefore + 1);
		assertThat(deliveredBySecond).hasSize(1);
		assertThat(this.rows.row(id)).containsEntry("attempts", 2).containsEntry("claim_token", null);
		assertThat(this.rows.row(id).get("delivered_at")).isNotNull();
	}

	@Test
	void relayWhenLeaseWouldRunOutBeforeNextMessageThenReleasesTheRestUntried() {
		List<Long> ids = List.of(this.rows.mailAhead("a@example.com"), this.rows.mailAhead("b@example.com"),
				this.rows.mailAhead("c@example.com"), this.rows.mailAhead("d@example.com"));
		MutableClock clock = OutboxRows.mutableClockAhead();
		// Not a valid configuration (4 × 100 s > 250 s): the relay must still not overrun its lease.
		OutboxProperties properties = OutboxRows.properties(4, Duration.ofSeconds(100), Duration.ofSeconds(250), 10);
		List<String> handled = new CopyOnWriteArrayList<>();
		OutboxRelay relay = relay(properties, clock, handler((payload) -> {
			handled.add(payload.path("to").asString());
			clock.advance(Duration.ofSeconds(100));
		}));

		OutboxRelay.Pass pass = relay.runOnce();

		assertThat(pass).isEqualTo(new OutboxRelay.Pass(4, 2, 0, 0, 0, 2));
		assertThat(handled).containsExactly("a@example.com", "b@example.com");
		assertThat(this.rows.count("delivered_at IS NOT NULL")).isEqualTo(2);
		assertThat(this.rows.count("claim_token IS NULL AND attempts = 0 AND delivered_at IS NULL")).isEqualTo(2);
		OutboxRelay other = relay(properties, new MutableClock(clock.instant()), handler((payload) -> {
		}));
		assertThat(other.runOnce().delivered()).isEqualTo(2);
		assertThat(ids).allSatisfy((id) -> assertThat(this.rows.row(id).get("delivered_at")).isNotNull());
	}

	@Test
	void propertiesWhenLeaseNotLongerThanLongestBatchThenRuleFails() {
		assertThat(OutboxRows.properties(20, Duration.ofSeconds(15), Duration.ofMinutes(5), 10)
			.isLeaseLongerThanWorstBatch()).isFalse();
		assertThat(OutboxRows.properties(20, Duration.ofSeconds(15), Duration.ofMinutes(10), 10)
			.isLeaseLongerThanWorstBatch()).isTrue();
	}

	/** Runs passes until no row is left undelivered, both relays starting together. */
	private void drain(OutboxRelay relay, CyclicBarrier start) {
		try {
			start.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
		while (this.rows.count("delivered_at IS NULL") > 0) {
			assertThat(System.nanoTime()).as("drained in time").isLessThan(deadline);
			relay.runOnce();
		}
	}

	private double claimsLost() {
		return this.meters.counter("outbox.claims.lost", "topic", Outbox.EMAIL).count();
	}

	private OutboxRelay relay(OutboxProperties properties, Clock clock, OutboxHandler handler) {
		return new OutboxRelay(this.repository, OutboxHandlers.of(handler), properties, this.metrics, this.json, clock,
				new JobOutages());
	}

	private OutboxHandler mailHandler() {
		return this.handlers.stream().filter((h) -> h.topic().equals(Outbox.EMAIL)).findFirst().orElseThrow();
	}

	/**
	 * The real handler, made slow the way a slow SMTP server is. A fixed latency, not a wait for a
	 * condition: it stretches each delivery so that the two relays' batches overlap in time.
	 */
	private static OutboxHandler slow(OutboxHandler delegate, Duration delay) {
		return handler((payload) -> {
			Thread.sleep(delay.toMillis());
			delegate.handle(payload);
		});
	}

	static OutboxHandler handler(Delivery delivery) {
		return new OutboxHandler() {
			@Override
			public String topic() {
				return Outbox.EMAIL;
			}

			@Override
			public void handle(JsonNode payload) throws Exception {
				delivery.deliver(payload);
			}
		};
	}

	@FunctionalInterface
	interface Delivery {

		void deliver(JsonNode payload) throws Exception;

	}

}
