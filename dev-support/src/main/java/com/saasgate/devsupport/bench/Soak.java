package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.saasgate.devsupport.DevSuite;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench/soak}: a fixed rate of mixed requests for a long time (10 minutes by default)
 * against a suite it starts on free ports: logins, refreshes and upstream calls through the gateway,
 * Stripe webhooks through the gateway, and usage records and reservations (reserve, then commit) sent
 * to auth-billing with a service token, as internal services send them (the gateway does not route
 * {@code /usage/*}). An open model: requests are started on a schedule, whether or not earlier ones
 * have been answered, and each latency counts from the moment its request was due, so a stall shows
 * as latency rather than as a lower rate.
 *
 * <p>Every 30 s it prints the throughput, p50/p99, the errors per kind and the resident memory of both
 * services. Memory growth is judged after the warm-up: the services' RSS at the end against the RSS
 * when the warm-up ended, and the heap in use right after a full GC ({@code jcmd GC.run}, then
 * {@code GC.heap_info}) at both points. The result goes to {@code docs/benchmarks.md}.
 */
public final class Soak {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	static final String USAGE = """
			scripts/bench/soak [options]
			  --minutes N    length of the run (default 10)
			  --rate R       requests started per second, all kinds together (default 40)
			  --users N      users logging in, refreshing and calling the upstream (default 24)
			  --warmup N     minutes before memory is first measured (default 2, at most a third of the run)
			  --report FILE  markdown file the results are appended to (default docs/benchmarks.md)
			  --no-report    print only
			""";

	static final Duration INTERVAL = Duration.ofSeconds(30);

	/** RSS may grow this much after the warm-up, heap after a full GC this much, and still be "flat". */
	static final double RSS_GROWTH_LIMIT = 0.10;

	static final long HEAP_GROWTH_LIMIT_MIB = 16;

	private static final String PRICE_PRO = "price_soak_pro";

	/** What one request is; its weight in the mix, out of 20. */
	enum Kind {

		LOGIN(1), REFRESH(3), UPSTREAM(8), USAGE_RECORD(4), RESERVATION(2), WEBHOOK(2);

		final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

	}

	record Options(int minutes, double rate, int users, int warmupMinutes, Path report) {

		static Options parse(String... args) {
			Map<String, String> given = BenchArguments.parse(args, Set.of("--no-report"), USAGE);
			int minutes = Integer.parseInt(given.getOrDefault("--minutes", "10"));
			double rate = Double.parseDouble(given.getOrDefault("--rate", "40"));
			int users = Integer.parseInt(given.getOrDefault("--users", "24"));
			int warmup = Math.min(Integer.parseInt(given.getOrDefault("--warmup", "2")), Math.max(1, minutes / 3));
			if (minutes < 1 || rate <= 0 || users < 1) {
				throw new IllegalArgumentException("--minutes, --rate and --users must be positive\n" + USAGE);
			}
			return new Options(minutes, rate, users, warmup, given.containsKey("--no-report") ? null
					: Path.of(given.getOrDefault("--report", "docs/benchmarks.md")));
		}

	}

	/** One user's session: the latest tokens, replaced by each login and refresh. */
	private record Session(BenchUsers.User user, String userId, AtomicReference<String[]> tokens) {
	}

	/** One 30 s line. */
	record Interval(long atSeconds, double perSecond, double p50Millis, double p99Millis, Map<Kind, Long> errors,
			Map<String, Long> rssKib) {
	}

	/** Memory of both services at one point: RSS and heap after a full GC, KiB by service. */
	record Memory(Map<String, Long> rssKib, Map<String, Long> heapAfterGcKib) {
	}

	private final DevSuite suite;

	private final List<Session> sessions = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(8, Soak::daemon))
		.build();

	private final Map<Kind, ConcurrentLinkedQueue<Long>> window = new EnumMap<>(Kind.class);

	private final Map<Kind, ConcurrentLinkedQueue<Long>> all = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicLong> errors = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicLong> windowErrors = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicReference<String>> firstErrors = new EnumMap<>(Kind.class);

	private final AtomicLong next = new AtomicLong();

	private Soak(DevSuite suite) {
		this.suite = suite;
		for (Kind kind : Kind.values()) {
			this.window.put(kind, new ConcurrentLinkedQueue<>());
			this.all.put(kind, new ConcurrentLinkedQueue<>());
			this.errors.put(kind, new AtomicLong());
			this.windowErrors.put(kind, new AtomicLong());
			this.firstErrors.put(kind, new AtomicReference<>());
		}
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(USAGE);
			return;
		}
		Options options = Options.parse(args);
		HttpServer upstream = upstream();
		console.info("[soak] starting the suite on free ports (service logs: .dev/soak/logs) ...");
		// SERVICE_JAVA_OPTS, as for scripts/dev: options after the shipped ones (NMT, another GC, a heap size).
		String javaOptions = System.getenv("SERVICE_JAVA_OPTS");
		List<String> jvmArgs = (javaOptions == null || javaOptions.isBlank()) ? List.of()
				: List.of(javaOptions.strip().split("\\s+"));
		try (DevSuite suite = DevSuite.builder().freePorts()
			.jvmArgs(jvmArgs)
			// a shared 2-core machine under load took over 3 minutes to start auth-billing
			.startupTimeout(Duration.ofMinutes(8))
			.set("AUTH_REGISTER_MAX_PER_IP", "100000")
			.set("STRIPE_PRICE_PRO", PRICE_PRO)
			.set("UPSTREAM_MEMORY_URL", "http://127.0.0.1:" + upstream.getAddress().getPort())
			.logDirectory(Path.of(".dev", "soak", "logs"))
			.mailbox(Path.of(".dev", "soak", "mail"))
			.printMails(false)
			.start()) {
			new Soak(suite).run(options);
		}
		finally {
			upstream.stop(0);
		}
	}

	private void run(Options options) throws Exception {
		String loadBefore = BenchReport.loadAverage();
		setUp(options.users());
		// One thread starts requests; the others take the 30 s lines and the memory readings (jcmd).
		ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
		// Enough threads that a slow answer never delays the next request: the open model's promise.
		ExecutorService requests = Executors.newFixedThreadPool(256);
		List<Kind> mix = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			for (int i = 0; i < kind.weight; i++) {
				mix.add(kind);
			}
		}
		long periodNanos = (long) (1e9 / options.rate());
		long start = System.nanoTime();
		List<Interval> intervals = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicReference<Memory> afterWarmup = new AtomicReference<>(new Memory(Map.of(), Map.of()));
		console.info(String.format(Locale.ROOT, "[soak] %d minutes at %.0f requests/s (warm-up %d min); every %d s:",
				options.minutes(), options.rate(), options.warmupMinutes(), INTERVAL.toSeconds()));
		clock.scheduleAtFixedRate(() -> {
			long n = this.next.getAndIncrement();
			long due = start + n * periodNanos;
			Kind kind = mix.get((int) ((n * 7) % mix.size()));
			requests.execute(() -> measure(kind, due));
		}, 0, periodNanos, TimeUnit.NANOSECONDS);
		clock.scheduleAtFixedRate(() -> intervals.add(report(start)), INTERVAL.toNanos(), INTERVAL.toNanos(),
				TimeUnit.NANOSECONDS);
		clock.schedule(() -> {
			afterWarmup.set(memory());
			console.info("[soak] warm-up over: " + afterWarmup.get());
		}, options.warmupMinutes(), TimeUnit.MINUTES);
		clock.awaitTermination(options.minutes(), TimeUnit.MINUTES);
		clock.shutdownNow();
		requests.shutdown();
		requests.awaitTermination(1, TimeUnit.MINUTES);
		Memory end = memory();
		console.info("[soak] end: " + end);
		String markdown = markdown(options, loadBefore, List.copyOf(intervals), afterWarmup.get(), end,
				(System.nanoTime() - start) / 1e9);
		console.info(markdown);
		if (options.report() != null) {
			BenchReport.append(options.report(), markdown);
			console.info("[soak] appended to " + options.report().toAbsolutePath());
		}
	}

	/** Registers and verifies the users, logs each in and makes each {@code pro} by a webhook. */
	private void setUp(int users) throws Exception {
		AuthClient client = new AuthClient(this.suite.gatewayUrl());
		console.info("[soak] registering and verifying " + users + " users ...");
		for (BenchUsers.User user : BenchUsers.create(client, users, BenchUsers.from(this.suite.mailCatcher()
			.orElseThrow(() -> new IllegalStateException("SMTP_HOST is set: the soak needs its mail catcher"))))) {
			AuthClient.Answer login = client.login(user.email(), user.password());
			if (!login.ok()) {
				throw new IllegalStateException("login of " + user.email() + " failed: " + login);
			}
			String access = login.field("accessToken");
			Session session = new Session(user, subject(access),
					new AtomicReference<>(new String[] { access, login.field("refreshToken") }));
			this.sessions.add(session);
			String error = webhook(session);
			if (error != null) {
				throw new IllegalStateException("making " + user.email() + " pro failed: " + error);
			}
		}
	}

	private void measure(Kind kind, long dueNanos) {
		String error;
		try {
			error = call(kind);
		}
		catch (Exception ex) {
			error = ex.toString();
		}
		long latency = System.nanoTime() - dueNanos;
		this.window.get(kind).add(latency);
		this.all.get(kind).add(latency);
		if (error != null) {
			this.errors.get(kind).incrementAndGet();
			this.windowErrors.get(kind).incrementAndGet();
			this.firstErrors.get(kind).compareAndSet(null, error);
		}
	}

	private String call(Kind kind) throws Exception {
		Session session = this.sessions.get((int) Math.floorMod(this.next.get() * 31 + kind.ordinal(), this.sessions.size()));
		return switch (kind) {
			case LOGIN -> {
				HttpResponse<String> answer = post(this.suite.gatewayUrl() + "/api/auth/login", "{\"email\":\""
						+ session.user().email() + "\",\"password\":\"" + session.user().password() + "\"}", null);
				yield expect(answer, 200, (body) -> session.tokens().set(new String[] { field(body, "accessToken"),
						field(body, "refreshToken") }));
			}
			case REFRESH -> {
				// One refresh at a time per session: a refresh token is spent by its use.
				synchronized (session) {
					HttpResponse<String> answer = post(this.suite.gatewayUrl() + "/api/auth/refresh",
							"{\"refreshToken\":\"" + session.tokens().get()[1] + "\"}", null);
					yield expect(answer, 200, (body) -> session.tokens().set(new String[] { field(body, "accessToken"),
							field(body, "refreshToken") }));
				}
			}
			case UPSTREAM -> expect(send(HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/memory/soak"))
				.header("Authorization", "Bearer " + session.tokens().get()[0]).GET()), 200, null);
			case USAGE_RECORD -> expect(post(this.suite.authBillingUrl() + "/usage/record", "{\"userId\":\""
					+ session.userId() + "\",\"resourceType\":\"llm_tokens\",\"amount\":3}", UUID.randomUUID().toString()),
					201, null);
			case RESERVATION -> reservation(session);
			case WEBHOOK -> webhook(session);
		};
	}

	private String reservation(Session session) throws Exception {
		HttpResponse<String> reserved = post(this.suite.authBillingUrl() + "/usage/reserve", "{\"userId\":\""
				+ session.userId() + "\",\"resourceType\":\"llm_tokens\",\"amount\":10}", UUID.randomUUID().toString());
		if (reserved.statusCode() != 201) {
			return "reserve: " + reserved.statusCode() + " " + abbreviate(reserved.body());
		}
		return expect(post(this.suite.authBillingUrl() + "/usage/reservations/" + field(reserved.body(), "reservationId")
				+ "/commit", "{\"amount\":7}", null), 200, null);
	}

	/** A signed {@code customer.subscription.updated} (pro, active) for the session's user, a new event id. */
	private String webhook(Session session) throws Exception {
		long now = Instant.now().getEpochSecond();
		String suffix = session.userId().replace("-", "").substring(0, 20);
		String payload = ("{\"id\":\"evt_soak_%s\",\"object\":\"event\",\"api_version\":\"2025-11-17.clover\","
				+ "\"created\":%d,\"livemode\":false,\"type\":\"customer.subscription.updated\",\"data\":{\"object\":"
				+ "{\"id\":\"sub_soak%s\",\"object\":\"subscription\",\"customer\":\"cus_soak%s\",\"status\":\"active\","
				+ "\"created\":%d,\"cancel_at_period_end\":false,\"metadata\":{\"userId\":\"%s\"},\"items\":{\"object\":"
				+ "\"list\",\"data\":[{\"id\":\"si_soak%s\",\"object\":\"subscription_item\",\"price\":{\"id\":\"%s\","
				+ "\"object\":\"price\"},\"current_period_start\":%d,\"current_period_end\":%d}]}}}}").formatted(
						UUID.randomUUID().toString().replace("-", ""), now, suffix, suffix, now - 3600, session.userId(),
						suffix, PRICE_PRO, now - 60, now + 30 * 86_400L);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(this.suite.environment().get("STRIPE_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8),
				"HmacSHA256"));
		String signature = "t=" + now + ",v1="
				+ HexFormat.of().formatHex(mac.doFinal((now + "." + payload).getBytes(StandardCharsets.UTF_8)));
		return expect(send(HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/billing/webhooks"))
			.header("Content-Type", "application/json")
			.header("Stripe-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(payload))), 200, null);
	}

	private HttpResponse<String> post(String url, String json, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (url.startsWith(this.suite.authBillingUrl())) {
			request.header("X-Service-Token", serviceToken());
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String expect(HttpResponse<String> answer, int status, java.util.function.Consumer<String> then) {
		if (answer.statusCode() != status) {
			return answer.statusCode() + " " + abbreviate(answer.body());
		}
		if (then != null) {
			then.accept(answer.body());
		}
		return null;
	}

	private String serviceToken() throws Exception {
		return BenchServiceToken.intelligence(this.suite.environment().get("SERVICE_JWT_SECRET"));
	}

	/** The 30 s line: what was answered since the last one. */
	private Interval report(long start) {
		List<Long> latencies = new ArrayList<>();
		Map<Kind, Long> windowErrorCounts = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			for (Long latency; (latency = this.window.get(kind).poll()) != null;) {
				latencies.add(latency);
			}
			windowErrorCounts.put(kind, this.windowErrors.get(kind).getAndSet(0));
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		Interval interval = new Interval(Math.round((System.nanoTime() - start) / 1e9),
				sorted.length / (double) INTERVAL.toSeconds(), Throughput.percentile(sorted, 0.50),
				Throughput.percentile(sorted, 0.99), windowErrorCounts, Rss.kibOf(this.suite.servicePids()));
		long errorCount = windowErrorCounts.values().stream().mapToLong(Long::longValue).sum();
		console.info(String.format(Locale.ROOT, "[soak] %4d s: %6.1f req/s, p50 %6.1f ms, p99 %7.1f ms, errors %d %s, RSS %s",
				interval.atSeconds(), interval.perSecond(), interval.p50Millis(), interval.p99Millis(), errorCount,
				(errorCount > 0) ? windowErrorCounts : "", mib(interval.rssKib())));
		return interval;
	}

	private Memory memory() {
		Map<String, Long> pids = this.suite.servicePids();
		Map<String, Long> heap = new TreeMap<>();
		pids.forEach((service, pid) -> heapAfterGc(pid).ifPresent((kib) -> heap.put(service, kib)));
		return new Memory(Rss.kibOf(pids), heap);
	}

	/** {@code jcmd <pid> GC.run}, then the generations' {@code used} from {@code GC.heap_info}, in KiB. */
	private static java.util.Optional<Long> heapAfterGc(long pid) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		try {
			run(jcmd, Long.toString(pid), "GC.run");
			String info = run(jcmd, Long.toString(pid), "GC.heap_info");
			Matcher used = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
			long kib = 0;
			boolean found = false;
			while (used.find()) {
				kib += Long.parseLong(used.group(1));
				found = true;
			}
			return found ? java.util.Optional.of(kib) : java.util.Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return java.util.Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return java.util.Optional.empty();
		}
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

	private String markdown(Options options, String loadBefore, List<Interval> intervals, Memory afterWarmup,
			Memory end, double seconds) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n### soak, %s%n%n", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC).format(Instant.now())));
		out.append(String.format(Locale.ROOT, "Machine: %s; load average (1 min) %s before, %s after.  %n",
				BenchReport.machine(), loadBefore, BenchReport.loadAverage()));
		out.append(String.format(Locale.ROOT, "Load: `scripts/bench/soak --minutes %d --rate %.0f --users %d`: %.0f s at"
				+ " %.0f requests/s started on schedule (open model; latency from when each was due), mix per 20:"
				+ " %s; warm-up %d min.%n%n", options.minutes(), options.rate(), options.users(), seconds,
				options.rate(), mixText(), options.warmupMinutes()));
		String javaOptions = System.getenv("SERVICE_JAVA_OPTS");
		if (javaOptions != null && !javaOptions.isBlank()) {
			out.append(String.format(Locale.ROOT, "Services: the shipped JVM options, then `SERVICE_JAVA_OPTS=%s`.%n%n",
					javaOptions.strip()));
		}
		out.append("| t (s) | answered/s | p50 ms | p99 ms | errors | RSS gateway MiB | RSS auth-billing MiB |\n");
		out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Interval i : intervals) {
			out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %d | %s | %s |%n", i.atSeconds(),
					i.perSecond(), i.p50Millis(), i.p99Millis(), i.errors().values().stream().mapToLong(Long::longValue).sum(),
					mibOf(i.rssKib(), "gateway"), mibOf(i.rssKib(), "auth-billing")));
		}
		out.append("\n| kind | requests | errors | p50 ms | p99 ms | first error |\n|---|---:|---:|---:|---:|---|\n");
		long total = 0;
		long totalErrors = 0;
		for (Kind kind : Kind.values()) {
			long[] sorted = this.all.get(kind).stream().mapToLong(Long::longValue).sorted().toArray();
			total += sorted.length;
			totalErrors += this.errors.get(kind).get();
			String first = this.firstErrors.get(kind).get();
			out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %s |%n", kind.name().toLowerCase(Locale.ROOT),
					sorted.length, this.errors.get(kind).get(), Throughput.percentile(sorted, 0.50),
					Throughput.percentile(sorted, 0.99), (first != null) ? "`" + abbreviate(first).replace('|', '/') + "`" : ""));
		}
		out.append(String.format(Locale.ROOT, "| **all** | **%d** | **%d** | | | |%n", total, totalErrors));
		out.append("\n| memory | after warm-up | at the end | growth | verdict |\n|---|---:|---:|---:|---|\n");
		for (String service : List.of("gateway", "auth-billing")) {
			out.append(growth("RSS " + service, afterWarmup.rssKib().get(service), end.rssKib().get(service), true));
			out.append(growth("heap after full GC, " + service, afterWarmup.heapAfterGcKib().get(service),
					end.heapAfterGcKib().get(service), false));
		}
		out.append(String.format(Locale.ROOT, "%nGoal: zero errors (%s) and no memory growth after the warm-up"
				+ " (flat: RSS within +%.0f %%, heap after a full GC within +%d MiB).%n", (totalErrors == 0) ? "met"
						: "**missed**: " + totalErrors, RSS_GROWTH_LIMIT * 100, HEAP_GROWTH_LIMIT_MIB));
		return out.toString();
	}

	private static String growth(String what, Long before, Long after, boolean rss) {
		if (before == null || after == null) {
			return "| " + what + " | n/a | n/a | | not measured |\n";
		}
		long growthKib = after - before;
		boolean flat = rss ? growthKib <= before * RSS_GROWTH_LIMIT : growthKib <= HEAP_GROWTH_LIMIT_MIB * 1024;
		return String.format(Locale.ROOT, "| %s | %d MiB | %d MiB | %+.1f MiB | %s |%n", what, before / 1024,
				after / 1024, growthKib / 1024.0, flat ? "flat" : "**grew**");
	}

	private static String mixText() {
		StringBuilder text = new StringBuilder();
		for (Kind kind : Kind.values()) {
			text.append((text.length() > 0) ? ", " : "").append(kind.name().toLowerCase(Locale.ROOT)).append(' ')
				.append(kind.weight);
		}
		return text.toString();
	}

	private static String mibOf(Map<String, Long> kib, String service) {
		Long value = kib.get(service);
		return (value != null) ? Long.toString(value / 1024) : "n/a";
	}

	private static Map<String, String> mib(Map<String, Long> kib) {
		Map<String, String> mib = new TreeMap<>();
		kib.forEach((service, value) -> mib.put(service, value / 1024 + " MiB"));
		return mib;
	}

	/** The {@code sub} of a JWT: the user id. */
	private static String subject(String jwt) {
		String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return field(claims, "sub");
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return (flat.length() > 200) ? flat.substring(0, 200) + "..." : flat;
	}

	/** Threads that do not keep the JVM alive once the run is over. */
	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "soak-io");
		thread.setDaemon(true);
		return thread;
	}

	/** The {@code memory} service behind the gateway: answers every request {@code 200}. */
	private static HttpServer upstream() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		server.setExecutor(Executors.newFixedThreadPool(8, Soak::daemon));
		server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return server;
	}

}
