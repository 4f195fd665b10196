package com.saasgate.devsupport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.saasgate.devsupport.DevSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench/stripe-bench}: (a) Stripe webhook acknowledgements through the gateway, each a
 * distinct signed {@code customer.subscription.updated} that auth-billing verifies and stores before
 * it answers (and then applies: tier changes, outbox, Redis), against the same requests with a wrong
 * signature, which take the same path through the gateway and auth-billing and are refused before
 * anything is stored: the baseline, measured in the same rounds. Throughput of distinct events, p50
 * and p99 of both. (b) Tier propagation: for each of N tier changes of one user, the time from the
 * webhook's {@code 200} until the gateway answers that user's next request under the new tier (the
 * {@code X-RateLimit-Limit} it sends is the tier's requests per minute). Results go to the console
 * and to {@code docs/benchmarks.md}, with the resident memory of both services.
 */
public final class StripeBench {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	static final String USAGE = """
			scripts/bench/stripe-bench [options]
			  --users N       users whose subscriptions the webhook events change (default 32)
			  --threads N     deliveries in flight (default: eight times the number of cores)
			  --rounds N      measuring rounds of each kind; medians are reported (default 5)
			  --seconds N     length of each measurement (default 5)
			  --warmup N      warm-up seconds of each kind (default 45: the services' JIT needs it)
			  --changes N     tier changes timed for propagation (default 200)
			  --report FILE   markdown file the results are appended to (default docs/benchmarks.md)
			  --no-report     print only
			""";

	static final double ACK_P99_GOAL = 1.5;

	static final double EVENTS_PER_SECOND_GOAL = 500;

	static final double PROPAGATION_P99_GOAL_MILLIS = 100;

	private static final String SECRET = "whsec_bench_" + UUID.randomUUID().toString().replace("-", "");

	private static final String PRICE_BASIC = "price_bench_basic";

	private static final String PRICE_PRO = "price_bench_pro";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gatewayUrl;

	/** Stripe's {@code created} of the next event: one second apart, so every event is newer. */
	private final AtomicLong created = new AtomicLong(Instant.now().getEpochSecond());

	private StripeBench(String gatewayUrl) {
		this.gatewayUrl = gatewayUrl;
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(USAGE);
			return;
		}
		Map<String, String> options = options(args);
		console.info("[bench] starting the suite on free ports (service logs: .dev/bench/logs) ...");
		try (DevSuite suite = DevSuite.builder()
			.freePorts()
			.set("AUTH_REGISTER_MAX_PER_IP", "100000")
			.set("STRIPE_WEBHOOK_SECRET", SECRET)
			.set("STRIPE_PRICE_BASIC", PRICE_BASIC)
			.set("STRIPE_PRICE_PRO", PRICE_PRO)
			// The propagation probe polls one user's /api/auth/me; limits far above that keep it from
			// being rate limited, and basic and pro must differ for the probe to tell them apart.
			.set("BILLING_PLANS_BASIC_REQUESTSPERMINUTE", "1000000")
			.set("BILLING_PLANS_PRO_REQUESTSPERMINUTE", "2000000")
			.logDirectory(Path.of(".dev", "bench", "logs"))
			.mailbox(Path.of(".dev", "bench", "mail"))
			.printMails(false)
			.start()) {
			new StripeBench(suite.gatewayUrl()).run(options, suite);
		}
	}

	private void run(Map<String, String> options, DevSuite suite) throws Exception {
		String loadBefore = BenchReport.loadAverage();
		// Stripe delivers many events at once; with few in flight the bench measures latency, not capacity
		int threads = number(options, "--threads", 8 * Runtime.getRuntime().availableProcessors());
		int rounds = number(options, "--rounds", 5);
		Duration measure = Duration.ofSeconds(number(options, "--seconds", 5));
		Duration warmup = Duration.ofSeconds(number(options, "--warmup", 45));
		int changes = number(options, "--changes", 200);
		AuthClient auth = new AuthClient(this.gatewayUrl);
		int userCount = number(options, "--users", 32);
		console.info(String.format("[bench] registering %d users ...", userCount));
		List<BenchUsers.User> users = BenchUsers.create(auth, userCount, BenchUsers.from(suite.mailCatcher().orElseThrow()));
		List<Customer> customers = new ArrayList<>();
		for (BenchUsers.User user : users) {
			customers.add(link(auth, user));
		}

		IntFunction<Throughput.Operation> stored = (thread) -> () -> deliver(customers.get(
				(int) (Math.floorMod(this.created.get() + thread, customers.size()))), true);
		IntFunction<Throughput.Operation> refused = (thread) -> () -> deliver(customers.get(thread % customers.size()),
				false);
		console.info(String.format("[bench] warming up (%d s each) ...", warmup.toSeconds()));
		Throughput.measure(threads, warmup, refused);
		Throughput.measure(threads, warmup, stored);
		List<Throughput.Result> storedRounds = new ArrayList<>();
		List<Throughput.Result> refusedRounds = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			refusedRounds.add(Throughput.measure(threads, measure, refused));
			storedRounds.add(Throughput.measure(threads, measure, stored));
			console.info(String.format(Locale.ROOT,
					"[bench] round %d/%d: stored %.0f/s (p50 %.1f ms, p99 %.1f ms), refused %.0f/s (p50 %.1f ms, p99 %.1f ms)",
					round, rounds, last(storedRounds).perSecond(), last(storedRounds).p50Millis(),
					last(storedRounds).p99Millis(), last(refusedRounds).perSecond(), last(refusedRounds).p50Millis(),
					last(refusedRounds).p99Millis()));
		}
		console.info("[bench] waiting for the applier to finish the backlog ...");
		Backlog backlog = drain(suite.databaseUrl());

		console.info(String.format("[bench] timing %d tier changes ...", changes));
		long[] propagation = propagation(auth, users.get(0), customers.get(0), changes);
		Map<String, Long> rssKib = Rss.kibOf(suite.servicePids());
		String markdown = markdown(loadBefore, threads, rounds, measure, userCount, storedRounds, refusedRounds,
				backlog, propagation, rssKib);
		console.info(markdown);
		if (!options.containsKey("--no-report")) {
			Path report = Path.of(options.getOrDefault("--report", "docs/benchmarks.md"));
			BenchReport.append(report, markdown);
			console.info("[bench] appended to " + report.toAbsolutePath());
		}
	}

	/** A bench user with a Stripe customer and subscription of their own, linked as a checkout does. */
	record Customer(String userId, String customerId, String subscriptionId, String accessToken) {
	}

	private Customer link(AuthClient auth, BenchUsers.User user) throws Exception {
		String token = auth.login(user.email(), user.password()).field("accessToken");
		String userId = new AuthClient.Answer(200, get("/api/auth/me", token).body()).field("userId");
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		Customer customer = new Customer(userId, "cus_b" + suffix, "sub_b" + suffix, token);
		String checkout = """
				{"id":"evt_b%s","object":"event","api_version":"2025-11-17.clover","created":%d,"livemode":false,
				"type":"checkout.session.completed","data":{"object":{"id":"cs_b%s","object":"checkout.session",
				"mode":"subscription","status":"complete","client_reference_id":"%s","customer":"%s",
				"subscription":"%s"}}}""".formatted(UUID.randomUUID().toString().replace("-", ""),
				this.created.getAndIncrement(), suffix, userId, customer.customerId(), customer.subscriptionId());
		HttpResponse<String> answer = post(checkout, true);
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("checkout.session.completed: " + answer.statusCode() + " " + answer.body());
		}
		return customer;
	}

	/** One distinct event: the subscription moves to the other paid tier, one second later than before. */
	private String deliver(Customer customer, boolean signed) throws Exception {
		long at = this.created.getAndIncrement();
		HttpResponse<String> answer = post(subscriptionUpdated(customer, at, ((at & 1) == 0) ? PRICE_PRO : PRICE_BASIC),
				signed);
		int expected = signed ? 200 : 400;
		return (answer.statusCode() == expected) ? null : answer.statusCode() + " " + answer.body();
	}

	private static String subscriptionUpdated(Customer customer, long created, String price) {
		return """
				{"id":"evt_b%s","object":"event","api_version":"2025-11-17.clover","created":%d,"livemode":false,
				"type":"customer.subscription.updated","data":{"object":{"id":"%s","object":"subscription",
				"customer":"%s","status":"active","created":%d,"cancel_at_period_end":false,"metadata":{"userId":"%s"},
				"items":{"object":"list","data":[{"id":"si_b","object":"subscription_item","price":{"id":"%s",
				"object":"price"},"current_period_start":%d,"current_period_end":%d}]}}}}""".formatted(
				UUID.randomUUID().toString().replace("-", ""), created, customer.subscriptionId(), customer.customerId(),
				created - 86_400, customer.userId(), price, created, created + 30 * 86_400);
	}

	/** The webhook's 200 to the first gateway answer with the new tier's rate limit, in nanoseconds. */
	private long[] propagation(AuthClient auth, BenchUsers.User user, Customer customer, int changes) throws Exception {
		Map<String, String> limits = rateLimits();
		long[] nanos = new long[changes];
		String token = auth.login(user.email(), user.password()).field("accessToken");
		// change -1 is not timed: it brings the user to a known tier (pro), so each timed one is a change
		for (int i = -1; i < changes; i++) {
			long at = this.created.getAndIncrement();
			String price = ((i & 1) == 0) ? PRICE_BASIC : PRICE_PRO;
			String expected = limits.get(price.equals(PRICE_PRO) ? "pro" : "basic");
			HttpResponse<String> answer = post(subscriptionUpdated(customer, at, price), true);
			long acknowledged = System.nanoTime();
			if (answer.statusCode() != 200) {
				throw new IllegalStateException("webhook: " + answer.statusCode() + " " + answer.body());
			}
			long deadline = acknowledged + TimeUnit.SECONDS.toNanos(10);
			while (!expected.equals(get("/api/auth/me", token).headers().firstValue("X-RateLimit-Limit").orElse(""))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The gateway did not apply tier change " + i + " within 10 s");
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			if (i >= 0) {
				nanos[i] = System.nanoTime() - acknowledged;
			}
		}
		Arrays.sort(nanos);
		return nanos;
	}

	/** Requests per minute by tier, from the plans auth-billing publishes. */
	private Map<String, String> rateLimits() throws Exception {
		String plans = get("/api/billing/plans", null).body();
		Map<String, String> limits = new HashMap<>();
		Matcher matcher = Pattern.compile("\"tier\"\\s*:\\s*\"([a-z_]+)\".*?\"requestsPerMinute\"\\s*:\\s*(\\d+)",
				Pattern.DOTALL).matcher(plans);
		while (matcher.find()) {
			limits.put(matcher.group(1), matcher.group(2));
		}
		if (!limits.containsKey("basic") || !limits.containsKey("pro") || limits.get("basic").equals(limits.get("pro"))) {
			throw new IllegalStateException("Basic and pro need different requestsPerMinute: " + plans);
		}
		return limits;
	}

	/**
	 * Waits until no stored event is left to apply (read from the database) and answers how long
	 * that took after the load stopped, with the counts of applied and pending events.
	 */
	private static Backlog drain(String databaseUrl) throws Exception {
		Matcher url = Pattern.compile("postgresql://([^:]+):([^@]+)@(.+)").matcher(databaseUrl);
		if (!url.matches()) {
			throw new IllegalStateException("Not a postgresql:// URL: " + databaseUrl);
		}
		long started = System.nanoTime();
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + url.group(3), url.group(1),
				url.group(2)); Statement statement = db.createStatement()) {
			long deadline = started + TimeUnit.SECONDS.toNanos(300);
			while (true) {
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FILTER (WHERE status = 'pending'), "
						+ "count(*) FILTER (WHERE status = 'applied'), count(*) FILTER (WHERE status = 'failed') "
						+ "FROM stripe_events")) {
					rs.next();
					long pending = rs.getLong(1);
					if (pending == 0 || System.nanoTime() > deadline) {
						return new Backlog((System.nanoTime() - started) / 1e9, rs.getLong(2), pending, rs.getLong(3));
					}
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
			}
		}
	}

	/** What the applier had left when the load stopped, and how long it took to finish it. */
	record Backlog(double drainSeconds, long applied, long pending, long failed) {
	}

	private HttpResponse<String> post(String payload, boolean signed) throws Exception {
		long t = Instant.now().getEpochSecond();
		String signature = "t=" + t + ",v1=" + hmac(t + "." + payload, signed ? SECRET : SECRET + "-wrong");
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + "/api/billing/webhooks"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Stripe-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(payload))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Signs as Stripe does: hex HMAC-SHA256 of {@code t.payload}; the bench plays Stripe here. */
	private static String hmac(String signedPayload, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
	}

	private static String markdown(String loadBefore, int threads, int rounds, Duration measure, int users,
			List<Throughput.Result> stored, List<Throughput.Result> refused, Backlog backlog, long[] propagation,
			Map<String, Long> rssKib) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n### stripe-bench, %s%n%n",
				DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now())));
		out.append(String.format(Locale.ROOT, "Machine: %s; load average (1 min) %s before, %s after.  %n",
				BenchReport.machine(), loadBefore, BenchReport.loadAverage()));
		out.append(String.format(Locale.ROOT,
				"Load: %d deliveries in flight, %d users, %d rounds of %d s, through the gateway on loopback.%n%n",
				threads, users, rounds, measure.toSeconds()));
		out.append("| measure | round medians (per second) | p50 ms (median of rounds) | p99 ms (median of rounds) | errors |\n");
		out.append("|---|---:|---:|---:|---:|\n");
		row(out, "webhooks verified and stored", stored);
		row(out, "webhooks refused at the signature (baseline)", refused);
		double p99Ratio = median(stored, Throughput.Result::p99Millis) / median(refused, Throughput.Result::p99Millis);
		double eventsPerSecond = median(stored, Throughput.Result::perSecond);
		double p50 = Throughput.percentile(propagation, 0.50);
		double p99 = Throughput.percentile(propagation, 0.99);
		out.append(String.format(Locale.ROOT, "%n| result | value | goal |%n|---|---:|---|%n"));
		out.append(String.format(Locale.ROOT, "| acknowledgement p99, stored / baseline | %.2f | <= %.1f: %s |%n",
				p99Ratio, ACK_P99_GOAL, (p99Ratio <= ACK_P99_GOAL) ? "met" : "**missed**"));
		out.append(String.format(Locale.ROOT, "| distinct events stored per second | %.0f | >= %.0f: %s |%n",
				eventsPerSecond, EVENTS_PER_SECOND_GOAL, (eventsPerSecond >= EVENTS_PER_SECOND_GOAL) ? "met" : "**missed**"));
		out.append(String.format(Locale.ROOT,
				"| applier backlog when the load stopped: drained in | %.1f s (%d applied in all, %d pending, %d failed) | |%n",
				backlog.drainSeconds(), backlog.applied(), backlog.pending(), backlog.failed()));
		out.append(String.format(Locale.ROOT, "| tier propagation p50 over %d changes | %.1f ms | |%n", propagation.length,
				p50));
		out.append(String.format(Locale.ROOT, "| tier propagation p99 over %d changes | %.1f ms | < %.0f ms: %s |%n",
				propagation.length, p99, PROPAGATION_P99_GOAL_MILLIS,
				(p99 < PROPAGATION_P99_GOAL_MILLIS) ? "met" : "**missed**"));
		StringBuilder rss = new StringBuilder();
		rssKib.forEach((name, kib) -> rss.append(String.format(Locale.ROOT, "%s%s %d MiB",
				rss.isEmpty() ? "" : ", ", name, kib / 1024)));
		out.append(String.format(Locale.ROOT, "| resident memory after the run | %s | |%n", rss));
		return out.toString();
	}

	private static void row(StringBuilder out, String name, List<Throughput.Result> rounds) {
		StringBuilder rates = new StringBuilder();
		for (Throughput.Result result : rounds) {
			rates.append(rates.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", result.perSecond()));
		}
		out.append(String.format(Locale.ROOT, "| %s | %s (**%.0f**) | %.1f | %.1f | %d |%n", name, rates,
				median(rounds, Throughput.Result::perSecond), median(rounds, Throughput.Result::p50Millis),
				median(rounds, Throughput.Result::p99Millis),
				rounds.stream().mapToLong(Throughput.Result::errors).sum()));
	}

	private static double median(List<Throughput.Result> rounds, java.util.function.ToDoubleFunction<Throughput.Result> value) {
		double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static Throughput.Result last(List<Throughput.Result> results) {
		return results.get(results.size() - 1);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> given = BenchArguments.parse(args, Set.of("--no-report"), USAGE);
		return given;
	}

	private static int number(Map<String, String> options, String name, int otherwise) {
		int value = Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1");
		}
		return value;
	}

}
