package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.ServiceJvm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/images-check}: both services' OCI images, run by a Docker daemon on the host network
 * in the {@code prod} profile, against an embedded PostgreSQL, Redis and mail catcher (GreenMail) that
 * this starts on free ports, with secrets generated for the run. For each image: the time from
 * {@code docker run} to a healthy {@code /health}, then a journey through the gateway container
 * (register, verify by mail, login, me, refresh, refresh-token reuse refused and the family revoked (with
 * {@code AUTH_REFRESH_REUSE_GRACE=0s}, so that reuse shows at once), a signed Stripe webhook and a forged
 * one, and {@code X-Client-Address} and {@code X-Forwarded-For} spoofing ignored by the login lock-out),
 * then each container's resident memory. The same jars started directly ({@code java -jar},
 * with dev-support's {@link ServiceJvm} options, which are the images' JVM flags) go through the same
 * steps in the same run, rounds interleaved, so the two can be compared.
 *
 * <p>The images must be in the daemon already ({@code scripts/images-check} copies Jib's tarballs in
 * with skopeo). Any failed step ends the run with a non-zero exit code and the tail of the service's log.
 */
public final class ImagesCheck {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	static final String USAGE = """
			scripts/images-check [options]
			  --rounds N     rounds of (images, jars), order alternating (default 1)
			  --only MODE    image or jar: run only that one
			  --tag TAG      image tag (default 0.1.0-SNAPSHOT)
			  --timeout S    seconds a service may take to become healthy (default 240)
			  --report FILE  markdown file the results are appended to (default: none, console only)
			""";

	static final String FRONTEND = "https://app.saasgate.test";

	static final String[] SERVICES = { "auth-billing", "gateway" };

	private static final Pattern FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

	private final DevSuite suite;

	private final Options options;

	private final Path work;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<Result> results = new ArrayList<>();

	private final List<String> liveContainers = new ArrayList<>();

	private ImagesCheck(DevSuite suite, Options options, Path work) {
		this.suite = suite;
		this.options = options;
		this.work = work;
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(USAGE);
			return;
		}
		Options options = Options.parse(args);
		Path work = Files.createDirectories(Path.of(".dev", "images-check"));
		console.info("[images-check] starting PostgreSQL, Redis and the mail catcher on free ports ...");
		int exit;
		try (DevSuite suite = DevSuite.builder()
			.freePorts()
			.withoutServices()
			.set("SPRING_PROFILES_ACTIVE", "prod")
			// prod refuses localhost here (ProductionDefaultsCheck); nothing is fetched from it
			.set("FRONTEND_URL", FRONTEND)
			.set("CORS_ALLOWED_ORIGINS", FRONTEND)
			.set("STRIPE_PRICE_PRO", "price_images_check_pro")
			// no grace for a spent refresh token, so that the journey sees reuse detection at once
			.set("AUTH_REFRESH_REUSE_GRACE", "0s")
			.logDirectory(work.resolve("logs"))
			.mailbox(work.resolve("mail"))
			.printMails(false)
			.start()) {
			ImagesCheck check = new ImagesCheck(suite, options, work);
			Runtime.getRuntime().addShutdownHook(new Thread(check::removeContainers, "images-check-cleanup"));
			exit = check.run();
		}
		System.exit(exit);
	}

	private int run() throws Exception {
		String loadBefore = BenchReport.loadAverage();
		Instant started = Instant.now();
		for (int round = 1; round <= this.options.rounds(); round++) {
			List<String> modes = new ArrayList<>(this.options.modes());
			if (round % 2 == 0) {
				java.util.Collections.reverse(modes);
			}
			for (String mode : modes) {
				Result result = ("image".equals(mode)) ? runImages(round) : runJars(round);
				this.results.add(result);
				console.info("[images-check] round {} {}: {}", round, mode, result.summary());
				if (!result.failures().isEmpty()) {
					console.info("[images-check] FAILED: {}", String.join("; ", result.failures()));
					return 1;
				}
			}
		}
		String markdown = markdown(loadBefore, started);
		console.info("\n" + markdown);
		if (this.options.report() != null) {
			BenchReport.append(this.options.report(), markdown);
			console.info("[images-check] appended to {}", this.options.report());
		}
		return 0;
	}

	// ---- the two ways of running the services ----

	private Result runImages(int round) throws Exception {
		Map<String, Double> healthy = new LinkedHashMap<>();
		Map<String, Long> pids = new TreeMap<>();
		Path envFile = this.work.resolve("service.env");
		Files.deleteIfExists(envFile);
		Files.createFile(envFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		StringBuilder env = new StringBuilder();
		serviceEnvironment().forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
		Files.writeString(envFile, env.toString());
		List<String> failures = new ArrayList<>();
		Map<String, Integer> exitCodes = new LinkedHashMap<>();
		try {
			for (String service : SERVICES) {
				String name = "saasgate-check-" + service + "-" + ProcessHandle.current().pid() + "-" + round;
				long start = System.nanoTime();
				String id = docker("run", "-d", "--name", name, "--network", "host", "--env-file", envFile.toString(),
						"saasgate/" + service + ":" + this.options.tag());
				this.liveContainers.add(name);
				String failure = awaitHealthy(service, start, () -> containerRunning(name), () -> containerLog(name));
				if (failure != null) {
					failures.add(failure);
					return new Result("image", round, healthy, Map.of(), List.of(), failures, exitCodes);
				}
				healthy.put(service, seconds(start));
				pids.put(service, Long.parseLong(docker("inspect", "--format", "{{.State.Pid}}", id).strip()));
			}
			List<String> journey = journey(failures);
			Map<String, Long> rss = Rss.kibOf(pids);
			for (int i = SERVICES.length - 1; i >= 0; i--) {
				String name = this.liveContainers.get(this.liveContainers.size() - 1);
				docker("stop", "--time", "70", name);
				exitCodes.put(SERVICES[i], Integer.parseInt(docker("inspect", "--format", "{{.State.ExitCode}}", name).strip()));
				docker("rm", name);
				this.liveContainers.remove(name);
			}
			return new Result("image", round, healthy, rss, journey, failures, exitCodes);
		}
		finally {
			removeContainers();
			Files.deleteIfExists(envFile);
		}
	}

	private Result runJars(int round) throws Exception {
		Map<String, Double> healthy = new LinkedHashMap<>();
		Map<String, Long> pids = new TreeMap<>();
		List<Process> processes = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		Map<String, Integer> exitCodes = new LinkedHashMap<>();
		try {
			for (String service : SERVICES) {
				List<String> command = new ArrayList<>();
				command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
				command.addAll(ServiceJvm.options(Runtime.version()));
				command.add("-jar");
				command.add(DevSuite.defaultJar(service).toString());
				Path log = Files.createDirectories(this.work.resolve("logs")).resolve(service + "-jar-" + round + ".log");
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(log.toFile());
				builder.environment().keySet().removeIf((name) -> !List.of("PATH", "HOME", "LANG", "TZ").contains(name));
				builder.environment().put("MALLOC_ARENA_MAX", "2");
				builder.environment().putAll(serviceEnvironment());
				long start = System.nanoTime();
				Process process = builder.start();
				processes.add(process);
				String failure = awaitHealthy(service, start, process::isAlive, () -> tail(read(log)));
				if (failure != null) {
					failures.add(failure);
					return new Result("jar", round, healthy, Map.of(), List.of(), failures, exitCodes);
				}
				healthy.put(service, seconds(start));
				pids.put(service, process.pid());
			}
			List<String> journey = journey(failures);
			Map<String, Long> rss = Rss.kibOf(pids);
			for (int i = processes.size() - 1; i >= 0; i--) {
				Process process = processes.get(i);
				process.destroy();
				if (process.waitFor(70, TimeUnit.SECONDS)) {
					exitCodes.put(SERVICES[i], process.exitValue());
				}
			}
			return new Result("jar", round, healthy, rss, journey, failures, exitCodes);
		}
		finally {
			for (Process process : processes) {
				if (process.isAlive()) {
					process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				}
			}
		}
	}

	/** The suite's variables (ports, URLs, generated secrets, prod settings) as the services get them. */
	private Map<String, String> serviceEnvironment() {
		return new TreeMap<>(this.suite.environment());
	}

	private String awaitHealthy(String service, long start, java.util.function.BooleanSupplier alive,
			java.util.function.Supplier<String> logTail) throws InterruptedException {
		URI health = URI.create(url(service) + "/health");
		long deadline = start + TimeUnit.SECONDS.toNanos(this.options.timeoutSeconds());
		while (System.nanoTime() < deadline) {
			if (!alive.getAsBoolean()) {
				return service + " exited before it was healthy:\n" + logTail.get();
			}
			try {
				HttpResponse<Void> answer = this.http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
					.GET().build(), HttpResponse.BodyHandlers.discarding());
				if (answer.statusCode() == 200) {
					return null;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		return service + " was not healthy within " + this.options.timeoutSeconds() + " s:\n" + logTail.get();
	}

	private String url(String service) {
		return "gateway".equals(service) ? this.suite.gatewayUrl() : this.suite.authBillingUrl();
	}

	// ---- the journey, through the gateway ----

	/** Runs every step through the gateway; returns the steps passed and adds a line per failed one. */
	private List<String> journey(List<String> failures) throws Exception {
		List<String> passed = new ArrayList<>();
		String gateway = this.suite.gatewayUrl();
		String email = "images-check-" + UUID.randomUUID() + "@example.com";
		String password = "Correct-Horse-" + UUID.randomUUID();
		step(passed, failures, "register", post(gateway + "/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Images Check\"}"), 201);
		Function<String, Optional<String>> mailedToken = BenchUsers.from(this.suite.mailCatcher().orElseThrow());
		String token = null;
		for (int i = 0; token == null && i < 300; i++) {
			token = mailedToken.apply(email).orElse(null);
			if (token == null) {
				Thread.sleep(100);
			}
		}
		if (token == null) {
			failures.add("verify: no verification mail reached the mail catcher within 30 s");
			return passed;
		}
		step(passed, failures, "verify (token from the mail)", post(gateway + "/api/auth/verify-email",
				"{\"token\":\"" + token + "\"}"), 200);
		HttpResponse<String> login = post(gateway + "/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		if (!step(passed, failures, "login", login, 200)) {
			return passed;
		}
		String access = field(login.body(), "accessToken");
		String refresh = field(login.body(), "refreshToken");
		HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/me"))
			.header("Authorization", "Bearer " + access).GET());
		if (step(passed, failures, "me", me, 200) && !me.body().contains(email)) {
			failures.add("me: the body does not name " + email + ": " + abbreviate(me.body()));
		}
		HttpResponse<String> refreshed = post(gateway + "/api/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
		if (step(passed, failures, "refresh", refreshed, 200)) {
			HttpResponse<String> meAgain = send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/me"))
				.header("Authorization", "Bearer " + field(refreshed.body(), "accessToken")).GET());
			step(passed, failures, "me with the refreshed token", meAgain, 200);
			step(passed, failures, "refresh token reused: refused",
					post(gateway + "/api/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"), 401);
			step(passed, failures, "after the reuse, the family revoked", post(gateway + "/api/auth/refresh",
					"{\"refreshToken\":\"" + field(refreshed.body(), "refreshToken") + "\"}"), 401);
		}
		String userId = subject(access);
		String payload = webhookPayload(userId);
		String secret = this.suite.environment().get("STRIPE_WEBHOOK_SECRET");
		step(passed, failures, "signed webhook", webhook(gateway, payload, sign(secret, payload)), 200);
		step(passed, failures, "webhook with a forged signature: refused",
				webhook(gateway, webhookPayload(userId), sign("whsec_forged" + UUID.randomUUID(), payload)), 400);
		spoofing(passed, failures, gateway, email);
		return passed;
	}

	/**
	 * Five wrong passwords, each claiming another client address (X-Client-Address, X-Forwarded-For,
	 * Forwarded, X-Real-IP), then the right one from yet another: the gateway decides the address from
	 * the connection alone, so all six come from one client and the sixth is locked out (429).
	 */
	private void spoofing(List<String> passed, List<String> failures, String gateway, String email) throws Exception {
		for (int i = 0; i < 5; i++) {
			String fake = "203.0.113." + (10 + i);
			HttpResponse<String> guess = send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
				.header("Content-Type", "application/json")
				.header("X-Client-Address", fake)
				.header("X-Forwarded-For", fake)
				.header("Forwarded", "for=" + fake)
				.header("X-Real-IP", fake)
				.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"wrong guess " + i
						+ "\"}")));
			if (guess.statusCode() != 401) {
				failures.add("spoofed guess " + i + ": expected 401, got " + guess.statusCode() + " "
						+ abbreviate(guess.body()));
				return;
			}
		}
		HttpResponse<String> sixth = send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.header("X-Client-Address", "203.0.113.99")
			.header("X-Forwarded-For", "203.0.113.99")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"still wrong\"}")));
		if (step(passed, failures, "X-Client-Address spoofing ignored (locked out after 5)", sixth, 429)
				&& !sixth.body().contains("too_many_attempts")) {
			failures.add("spoofing: a 429 without too_many_attempts: " + abbreviate(sixth.body()));
		}
	}

	private static boolean step(List<String> passed, List<String> failures, String name, HttpResponse<String> answer,
			int expected) {
		if (answer.statusCode() == expected) {
			passed.add(name);
			return true;
		}
		failures.add(name + ": expected " + expected + ", got " + answer.statusCode() + " " + abbreviate(answer.body()));
		return false;
	}

	private static String webhookPayload(String userId) {
		long now = Instant.now().getEpochSecond();
		String suffix = userId.replace("-", "").substring(0, 20);
		return ("{\"id\":\"evt_check_%s\",\"object\":\"event\",\"api_version\":\"2025-11-17.clover\","
				+ "\"created\":%d,\"livemode\":false,\"type\":\"customer.subscription.updated\",\"data\":{\"object\":"
				+ "{\"id\":\"sub_check%s\",\"object\":\"subscription\",\"customer\":\"cus_check%s\",\"status\":\"active\","
				+ "\"created\":%d,\"cancel_at_period_end\":false,\"metadata\":{\"userId\":\"%s\"},\"items\":{\"object\":"
				+ "\"list\",\"data\":[{\"id\":\"si_check%s\",\"object\":\"subscription_item\",\"price\":{\"id\":"
				+ "\"price_images_check_pro\",\"object\":\"price\"},\"current_period_start\":%d,\"current_period_end\":%d}]}}}}")
			.formatted(UUID.randomUUID().toString().replace("-", ""), now, suffix, suffix, now - 3600, userId, suffix,
					now - 60, now + 30 * 86_400L);
	}

	private static String sign(String secret, String payload) throws Exception {
		long now = Instant.now().getEpochSecond();
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "t=" + now + ",v1=" + HexFormat.of().formatHex(mac.doFinal((now + "." + payload).getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> webhook(String gateway, String payload, String signature) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(gateway + "/api/billing/webhooks"))
			.header("Content-Type", "application/json")
			.header("Stripe-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(payload)));
	}

	private HttpResponse<String> post(String url, String json) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String field(String body, String name) {
		Matcher matcher = Pattern.compile(FIELD.pattern().formatted(Pattern.quote(name))).matcher(body);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The {@code sub} claim of an access token. */
	private static String subject(String jwt) {
		String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return field(claims, "sub");
	}

	private static String abbreviate(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return (flat.length() > 300) ? flat.substring(0, 300) + "..." : flat;
	}

	// ---- docker ----

	private static String docker(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("docker");
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
		}
		return output;
	}

	private static boolean containerRunning(String name) {
		try {
			return "true".equals(docker("inspect", "--format", "{{.State.Running}}", name).strip());
		}
		catch (IOException | InterruptedException | IllegalStateException ex) {
			return false;
		}
	}

	private static String containerLog(String name) {
		try {
			return tail(docker("logs", "--tail", "60", name));
		}
		catch (IOException | InterruptedException | IllegalStateException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private void removeContainers() {
		for (String name : List.copyOf(this.liveContainers)) {
			try {
				docker("rm", "-f", name);
			}
			catch (IOException | InterruptedException | IllegalStateException ex) {
				// already gone
			}
			this.liveContainers.remove(name);
		}
	}

	private static String tail(String log) {
		String[] lines = log.split("\n");
		return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	// ---- the report ----

	private String markdown(String loadBefore, Instant started) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n### images-check, %s%n%n", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC).format(started)));
		out.append(String.format(Locale.ROOT, "Machine: %s (the jars' JVM); load average (1 min) %s before, %s after.  %n",
				BenchReport.machine(), loadBefore, BenchReport.loadAverage()));
		out.append(String.format(Locale.ROOT, "Run: `scripts/images-check --rounds %d`%s; images `saasgate/*:%s` on the host"
				+ " network, `prod` profile; services started one after the other (auth-billing, then the gateway).%n%n",
				this.options.rounds(), (this.options.modes().size() == 1) ? " --only " + this.options.modes().get(0) : "",
				this.options.tag()));
		out.append("| round | run as | auth-billing healthy s | gateway healthy s | RSS auth-billing MiB | RSS gateway MiB"
				+ " | RSS both MiB | journey | exit codes on SIGTERM |\n");
		out.append("|---:|---|---:|---:|---:|---:|---:|---|---|\n");
		for (Result r : this.results) {
			out.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %s | %s | %s | %d steps passed | %s |%n",
					r.round(), r.mode(), r.healthySeconds().getOrDefault("auth-billing", Double.NaN),
					r.healthySeconds().getOrDefault("gateway", Double.NaN), mib(r.rssKib().get("auth-billing")),
					mib(r.rssKib().get("gateway")), mib(r.rssKib().values().stream().mapToLong(Long::longValue).sum()),
					r.journey().size(), r.exitCodes()));
		}
		out.append("\nJourney through the gateway: ").append(this.results.isEmpty() ? "" : String.join(", ",
				this.results.get(0).journey())).append(".\n");
		return out.toString();
	}

	private static String mib(Long kib) {
		return (kib == null) ? "n/a" : Long.toString(Math.round(kib / 1024.0));
	}

	record Result(String mode, int round, Map<String, Double> healthySeconds, Map<String, Long> rssKib,
			List<String> journey, List<String> failures, Map<String, Integer> exitCodes) {

		String summary() {
			StringBuilder out = new StringBuilder();
			this.healthySeconds.forEach((service, s) -> out.append(String.format(Locale.ROOT, "%s healthy in %.1f s, ",
					service, s)));
			this.rssKib.forEach((service, kib) -> out.append(String.format(Locale.ROOT, "%s RSS %s MiB, ", service, mib(kib))));
			out.append(this.journey.size()).append(" journey steps passed");
			if (!this.exitCodes.isEmpty()) {
				out.append(", exit codes ").append(this.exitCodes);
			}
			return out.toString();
		}

	}

	record Options(int rounds, List<String> modes, String tag, long timeoutSeconds, Path report) {

		static Options parse(String[] args) {
			int rounds = 1;
			List<String> modes = List.of("image", "jar");
			String tag = "0.1.0-SNAPSHOT";
			long timeout = 240;
			Path report = null;
			for (int i = 0; i < args.length; i++) {
				String value = (i + 1 < args.length) ? args[i + 1] : null;
				switch (args[i]) {
					case "--rounds" -> rounds = Integer.parseInt(value);
					case "--only" -> {
						if (!List.of("image", "jar").contains(value)) {
							throw new IllegalArgumentException("--only takes image or jar, not " + value);
						}
						modes = List.of(value);
					}
					case "--tag" -> tag = value;
					case "--timeout" -> timeout = Long.parseLong(value);
					case "--report" -> report = Path.of(value);
					default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
				}
				i++;
			}
			if (rounds < 1 || timeout < 1) {
				throw new IllegalArgumentException("--rounds and --timeout must be at least 1\n" + USAGE);
			}
			return new Options(rounds, modes, tag, timeout, report);
		}

	}

}
