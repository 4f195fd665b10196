package com.saasgate.authbilling.trial;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.tier.TierChangeOutcome;
import com.saasgate.authbilling.tier.TierChangeSource;
import com.saasgate.authbilling.tier.TierChanges;
import com.saasgate.security.contract.Tier;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/bench/trial-bench}: the expiry job on a million ended trials against a per-user loop
 * (load, change through {@link TierChanges#change}, queue the mail, commit, for each user) on a
 * sample, in the same run, with {@code /auth/me} latency measured over HTTP while the job runs. Not
 * part of the suite: it runs only with {@code -Dtrial.bench=true}. The outbox relay is off
 * ({@code outbox.relay-enabled=false}: not polled, and no commit's wake-up finds it), so the run
 * measures the state change and the queued side effects, not SMTP or Redis delivery, and GreenMail
 * does not have to hold a million mails.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "trial.bench", matches = "true")
@TestPropertySource(properties = { "outbox.relay-enabled=false", "trial.batch-size=${trial.bench.batch:1000}",
		"trial.workers=${trial.bench.workers:2}" })
class TrialBench {

	private static final int USERS = Integer.getInteger("trial.bench.users", 1_000_000);

	private static final int SAMPLE = Integer.getInteger("trial.bench.sample", 10_000);

	private static final int ME_THREADS = 2;

	/** Each caller's pause between calls: an API under ordinary load, not a load test that starves the job. */
	private static final long ME_PAUSE_MILLIS = 20;

	@Autowired
	TrialService trials;

	@Autowired
	TrialMails mails;

	@Autowired
	TrialProperties properties;

	@Autowired
	TierChanges tiers;

	@Autowired
	MailOutbox mail;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Api api;

	@Test
	void expiryJobAgainstPerUserLoop() throws Exception {
		TrialTestUsers.cleanTrialTables(this.jdbc);
		long generateStart = System.nanoTime();
		generate("loop", SAMPLE, "2 hours");
		generate("job", USERS, "1 hour");
		this.jdbc.execute("VACUUM ANALYZE users");
		double generateSeconds = seconds(generateStart);
		String token = meUser();

		long loopStart = System.nanoTime();
		int looped = perUserLoop();
		double loopSeconds = seconds(loopStart);
		measureMe(token, Duration.ofSeconds(3));
		Latencies idle = measureMe(token, Duration.ofSeconds(5));

		Latencies duringJob = new Latencies();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService callers = Executors.newFixedThreadPool(ME_THREADS);
		for (int i = 0; i < ME_THREADS; i++) {
			callers.submit(() -> callMe(token, running, duringJob));
		}
		long jobStart = System.nanoTime();
		int expired = this.trials.expire();
		double jobSeconds = seconds(jobStart);
		running.set(false);
		callers.shutdown();
		callers.awaitTermination(30, TimeUnit.SECONDS);

		assertThat(looped).isEqualTo(SAMPLE);
		assertThat(expired).isEqualTo(USERS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Long.class)).isEqualTo(USERS + SAMPLE);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email'", Long.class))
			.isEqualTo(USERS + SAMPLE);
		assertThat((long) TrialTestUsers.broadcastChanges(this.jdbc)).isEqualTo(USERS + SAMPLE);
		report(generateSeconds, looped, loopSeconds, expired, jobSeconds, idle, duringJob);
	}

	/** Users whose trials ended, generated in one statement. */
	private void generate(String prefix, int count, String endedAgo) {
		this.jdbc.update("""
				INSERT INTO users (id, email, password_hash, name, subscription_tier, trial_ends_at)
				SELECT gen_random_uuid(), ? || '-' || g || '@example.com', 'not-a-hash', 'User ' || g, 'free_trial',
				       now() - CAST(? AS interval) - g * interval '1 millisecond'
				FROM generate_series(1, ?) AS g
				""", prefix, endedAgo, count);
	}

	/**
	 * The baseline: one transaction per user, a query or more per step, the way the first fix did it, on
	 * as many threads as the job has workers ({@code TRIAL_WORKERS}), each taking every n-th user: the
	 * ratio compares the two shapes at equal parallelism, not two workers against one.
	 */
	private int perUserLoop() throws InterruptedException, ExecutionException {
		List<UUID> ids = this.jdbc.queryForList("SELECT id FROM users WHERE email LIKE 'loop-%' ORDER BY trial_ends_at",
				UUID.class);
		int threads = this.properties.workers();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> parts = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t;
				parts.add(pool.submit(() -> {
					int done = 0;
					for (int i = first; i < ids.size(); i += threads) {
						done += expireOne(ids.get(i)) ? 1 : 0;
					}
					return done;
				}));
			}
			int done = 0;
			for (Future<Integer> part : parts) {
				done += part.get();
			}
			return done;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private boolean expireOne(UUID id) {
		Boolean changed = this.transactions.execute((status) -> {
			TrialExpired user = this.jdbc.queryForObject(
					"SELECT id, email, name, trial_ends_at FROM users WHERE id = ? AND subscription_tier = 'free_trial'",
					(rs, rowNum) -> new TrialExpired(rs.getObject("id", UUID.class), rs.getString("email"),
							rs.getString("name"), rs.getTimestamp("trial_ends_at").toInstant(), Instant.now()),
					id);
			TierChangeOutcome outcome = this.tiers.change(id, Tier.FREE_RESTRICTED, TierChangeSource.TRIAL_EXPIRY,
					"trial ended");
			this.mail.enqueueAll(List.of(this.mails.ended(user)));
			return outcome instanceof TierChangeOutcome.Changed;
		});
		return Boolean.TRUE.equals(changed);
	}

	private String meUser() {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO users (id, email, password_hash, name, subscription_tier, trial_ends_at, email_verified_at)
				VALUES (?, 'me-bench@example.com', 'not-a-hash', 'Me', 'pro', now() + interval '7 days', now())
				""", id);
		return new AccessTokens(new SigningKeys(TestSecrets.JWT_SIGNING_KEY, null), "saasgate", "saasgate-api", Duration.ofHours(1), Duration.ZERO,
				Clock.systemUTC())
			.issue(id, "me-bench@example.com", "user")
			.token();
	}

	private Latencies measureMe(String token, Duration duration) throws InterruptedException {
		Latencies latencies = new Latencies();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService callers = Executors.newFixedThreadPool(ME_THREADS);
		for (int i = 0; i < ME_THREADS; i++) {
			callers.submit(() -> callMe(token, running, latencies));
		}
		callers.shutdown();
		callers.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
		running.set(false);
		callers.awaitTermination(30, TimeUnit.SECONDS);
		return latencies;
	}

	private void callMe(String token, AtomicBoolean running, Latencies latencies) {
		while (running.get()) {
			long start = System.nanoTime();
			Api.Response response = this.api.get("/auth/me", Api.bearer(token));
			latencies.add((System.nanoTime() - start) / 1_000_000.0, response.status() == 200);
			try {
				Thread.sleep(ME_PAUSE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void report(double generateSeconds, int looped, double loopSeconds, int expired, double jobSeconds,
			Latencies idle, Latencies duringJob) throws IOException {
		double loopRate = looped / loopSeconds;
		double jobRate = expired / jobSeconds;
		String text = """

				### trial-bench, %s

				Machine: %d cores (nproc), %s; load average (1 min) %s at the end of the run%s.
				Data: %,d ended trials for the job and %,d for the loop, generated with `generate_series` in %.1f s;
				batch size %d (`TRIAL_BATCH_SIZE`); %d threads for the loop and %d workers for the job (`TRIAL_WORKERS`): equal parallelism; outbox relay off (`OUTBOX_RELAY_ENABLED=false`: delivery not measured).

				| measure | users | seconds | rows/s |
				|---|---:|---:|---:|
				| per-user loop (load, `TierChanges.change`, queue mail, commit; per user; %d threads) | %,d | %.1f | %,.0f |
				| expiry job (`TrialService.expire`, set-based batches; %d workers) | %,d | %.1f | **%,.0f** |

				Ratio job / loop: **%.1f×** (goal ≥ 20×). %,d users expired in %.1f s (goal: a million in < 60 s): %s.

				| `GET /auth/me`, %d callers over HTTP, %d ms apart | calls | errors | p50 ms | p99 ms | max ms |
				|---|---:|---:|---:|---:|---:|
				| before the job (5 s, after 3 s of warm-up) | %s |
				| while the job ran | %s |
				""".formatted(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).format(Instant.now().atZone(ZoneOffset.UTC)),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
				loadAverage(), System.getProperty("trial.bench.note", ""), expired, looped, generateSeconds,
				this.properties.batchSize(), this.properties.workers(), this.properties.workers(),
				this.properties.workers(), looped, loopSeconds, loopRate, this.properties.workers(), expired, jobSeconds,
				jobRate,
				jobRate / loopRate, expired, jobSeconds, (expired >= 1_000_000 && jobSeconds < 60) ? "met" : "missed", ME_THREADS, ME_PAUSE_MILLIS, idle.row(),
				duringJob.row());
		System.out.println(text);
		String file = System.getProperty("trial.bench.report");
		if (file != null && !file.isBlank()) {
			Files.writeString(Path.of(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	private static String loadAverage() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return (load < 0) ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	/** Call latencies in milliseconds. */
	static final class Latencies {

		private final ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Boolean> failures = new ConcurrentLinkedQueue<>();

		void add(double ms, boolean ok) {
			this.millis.add(ms);
			if (!ok) {
				this.failures.add(true);
			}
		}

		String row() {
			List<Double> sorted = new ArrayList<>(this.millis);
			Collections.sort(sorted);
			if (sorted.isEmpty()) {
				return "0 | 0 | - | - | -";
			}
			return String.format(Locale.ROOT, "%,d | %d | %.1f | %.1f | %.1f", sorted.size(), this.failures.size(),
					at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
		}

		private static double at(List<Double> sorted, double quantile) {
			return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
		}

	}

}
