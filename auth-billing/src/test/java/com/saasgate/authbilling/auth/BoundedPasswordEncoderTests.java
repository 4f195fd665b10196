package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.saasgate.authbilling.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class BoundedPasswordEncoderTests {

	private final CountDownLatch hashMayFinish = new CountDownLatch(1);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(new BlockingEncoder(this.hashMayFinish),
			1, 1, Duration.ofMillis(300), this.meters);

	@AfterEach
	void finishHashes() {
		this.hashMayFinish.countDown();
	}

	@Test
	void matchesWhenSlotsAndQueueFullThenOverloadedAtOnce() {
		CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> this.encoder.matches("a", "a"));
		await().until(() -> gauge("password.hash.active") == 1);
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> this.encoder.matches("b", "b"));
		await().until(() -> gauge("password.hash.queued") == 1);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.encoder.matches("c", "c"))
			.satisfies((ex) -> {
				assertThat(ex.status().value()).isEqualTo(503);
				assertThat(ex.code()).isEqualTo("overloaded");
				assertThat(ex.headers()).containsEntry("Retry-After", "1");
			});
		assertThat(this.meters.get("password.hash.rejected").tag("reason", "queue_full").counter().count()).isEqualTo(1);
		this.hashMayFinish.countDown();
		assertThat(running.join()).isTrue();
		assertThat(waiting.join()).isTrue();
	}

	@Test
	void encodeWhenNoSlotWithinMaxWaitThenOverloaded() {
		CompletableFuture.runAsync(() -> this.encoder.encode("a"));
		await().until(() -> gauge("password.hash.active") == 1);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.encoder.encode("b"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("overloaded"));
		assertThat(this.meters.get("password.hash.rejected").tag("reason", "timeout").counter().count()).isEqualTo(1);
		assertThat(gauge("password.hash.queued")).isZero();
	}

	@Test
	void matchesWhenHashFinishesThenSlotIsFreeAgain() {
		this.hashMayFinish.countDown();
		for (int i = 0; i < 5; i++) {
			assertThat(this.encoder.matches("x", "x")).isTrue();
		}
		assertThat(gauge("password.hash.active")).isZero();
	}

	@Test
	void matchesWhenDelegateThrowsThenSlotIsGivenBack() {
		BoundedPasswordEncoder failing = new BoundedPasswordEncoder(new FailingEncoder(), 1, 0, Duration.ZERO,
				new SimpleMeterRegistry());
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> failing.matches("x", "x"));
		}
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private record BlockingEncoder(CountDownLatch finish) implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			await(this.finish);
			return rawPassword.toString();
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			await(this.finish);
			return rawPassword.toString().equals(encodedPassword);
		}

		private static void await(CountDownLatch latch) {
			try {
				latch.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private static final class FailingEncoder implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			throw new IllegalStateException("broken");
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			throw new IllegalStateException("broken");
		}

	}

}
