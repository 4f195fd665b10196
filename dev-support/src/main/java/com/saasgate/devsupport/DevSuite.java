package com.saasgate.devsupport;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite on one machine with nothing installed but a JDK: PostgreSQL, Redis and a mail catcher
 * (each only when the environment names no external one), then auth-billing and the gateway as child
 * JVMs, each awaited on its {@code /health}. Used by {@code scripts/dev} (through {@link DevMain}), the
 * end-to-end tests and the benchmarks.
 *
 * <p>Every variable the given environment sets is honoured and passed on; dev values fill the rest
 * (random secrets per run unless {@link Builder#secretsFile(Path)} keeps them, embedded servers, throwaway
 * unless {@link Builder#persistentPostgres(Path)}, the contract's ports or free ones). {@link #close()} stops
 * everything it started, and so does a JVM shutdown hook (Ctrl-C, SIGTERM).
 */
public final class DevSuite implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DevSuite.class);

	private static final String VERSION = Optional.ofNullable(DevSuite.class.getPackage().getImplementationVersion())
		.orElse("0.1.0-SNAPSHOT");

	private final Builder settings;

	private final Map<String, String> variables = new TreeMap<>();

	private final Set<String> devValues = new LinkedHashSet<>();

	private final List<ServiceProcess> services = new ArrayList<>();

	/** How each service was launched, so that {@link #startService(String)} can launch it again. */
	private final Map<String, Launch> launches = new HashMap<>();

	private final Thread shutdownHook = new Thread(this::close, "dev-suite-stop");

	private PostgresServer postgres;

	private RedisServer redis;

	private MailCatcher mailCatcher;

	private MailboxPage mailboxPage;

	private StripeStandIn stripeStandIn;

	private WebAppServer webApp;

	private Path jarCopies;

	private boolean closed;

	private DevSuite(Builder settings) {
		this.settings = settings;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The default path of a module's executable jar, relative to the repository root. */
	public static Path defaultJar(String module) {
		return Path.of(module, "target", module + "-" + VERSION + ".jar");
	}

	public String gatewayUrl() {
		return "http://localhost:" + port("GATEWAY_PORT");
	}

	public String authBillingUrl() {
		return "http://localhost:" + port("AUTH_BILLING_PORT");
	}

	public String gatewayManagementUrl() {
		return "http://localhost:" + port("GATEWAY_MANAGEMENT_PORT");
	}

	public String authBillingManagementUrl() {
		return "http://localhost:" + port("AUTH_BILLING_MANAGEMENT_PORT");
	}

	/** {@code DATABASE_URL} as the services got it. */
	public String databaseUrl() {
		return this.variables.get("DATABASE_URL");
	}

	/** {@code REDIS_URL} as the services got it. */
	public String redisUrl() {
		return this.variables.get("REDIS_URL");
	}

	/** The mail catcher, absent when {@code SMTP_HOST} named another server. */
	public Optional<MailCatcher> mailCatcher() {
		return Optional.ofNullable(this.mailCatcher);
	}

	/** The mailbox page, when {@link Builder#mailboxPage(int)} asked for one and the mail catcher runs. */
	public Optional<MailboxPage> mailboxPage() {
		return Optional.ofNullable(this.mailboxPage);
	}

	/** The dev Stripe stand-in, absent when {@code STRIPE_API_BASE} named another Stripe. */
	public Optional<StripeStandIn> stripeStandIn() {
		return Optional.ofNullable(this.stripeStandIn);
	}

	/** The reference web app's server, when {@link Builder#webApp(Path)} named a built one. */
	public Optional<WebAppServer> webApp() {
		return Optional.ofNullable(this.webApp);
	}

	/** Where the embedded PostgreSQL keeps its data across runs; empty when it is throwaway or external. */
	public Optional<Path> postgresDataDirectory() {
		return Optional.ofNullable(this.postgres).flatMap(PostgresServer::dataDirectory);
	}

	/**
	 * The embedded PostgreSQL (tests may stop and restart it), absent when {@code DATABASE_URL} named
	 * another server.
	 */
	public Optional<PostgresServer> embeddedPostgres() {
		return Optional.ofNullable(this.postgres);
	}

	/** The file the dev secrets are kept in across runs, if any. */
	public Optional<Path> secretsFile() {
		return Optional.ofNullable(this.settings.secretsFile);
	}

	/** The embedded Redis (tests may suspend it), absent when {@code REDIS_URL} named another server. */
	public Optional<RedisServer> embeddedRedis() {
		return Optional.ofNullable(this.redis);
	}

	/**
	 * The services' variables as they were given to them (secrets included: this is a dev tool), without
	 * the rest of the inherited environment.
	 */
	public Map<String, String> environment() {
		Set<String> keep = new HashSet<>(this.settings.overrides.keySet());
		keep.addAll(this.devValues);
		return Collections.unmodifiableMap(DevEnvironment.serviceVariables(this.variables, keep));
	}

	/** The variables that got a dev value because the environment left them unset. */
	public Set<String> devValues() {
		return Collections.unmodifiableSet(this.devValues);
	}

	/** Whether {@link #close()} has begun (by a call or by the shutdown hook). */
	public synchronized boolean isClosed() {
		return this.closed;
	}

	/** The process id of each running service, by name ({@code auth-billing}, {@code gateway}, replicas'). */
	public synchronized Map<String, Long> servicePids() {
		Map<String, Long> pids = new TreeMap<>();
		this.services.stream().filter(ServiceProcess::isAlive).forEach((s) -> pids.put(s.name(), s.pid()));
		return pids;
	}

	/**
	 * Completes with a description of the first of the running services that exits, e.g.
	 * {@code "gateway (exit code 1)"}; a service stopped by {@link #stopService} or killed by
	 * {@link #killService} no longer counts.
	 */
	public synchronized CompletableFuture<String> anyServiceExit() {
		CompletableFuture<?>[] exits = this.services.stream()
			.filter((service) -> !service.meantToExit())
			.map((service) -> service.onExit().thenApply((p) -> service.name() + " (exit code " + p.exitValue() + ")"))
			.toArray(CompletableFuture[]::new);
		return CompletableFuture.anyOf(exits).thenApply(String.class::cast);
	}

	/**
	 * Stops one service as a platform would: SIGTERM (for the JVM and whatever it started), then waits up
	 * to {@code timeout} for it to exit by itself. It is never killed here: when it does not exit in time
	 * this throws, with the tail of its output, and leaves it running for {@link #close()} to force.
	 * @param name {@code auth-billing}, {@code gateway} or a replica's name
	 * @return how the service went: its exit code and how long it took from the signal to the exit
	 */
	public Stopped stopService(String name, Duration timeout) {
		ServiceProcess service = running(name);
		long started = System.nanoTime();
		service.stop();
		if (!service.awaitExit(timeout)) {
			throw service.failure(name + " did not exit within " + timeout.toSeconds() + " s of SIGTERM");
		}
		return new Stopped(name, service.exitValue(), Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * Starts a service {@link #stopService stopped} before again: the same jar, variables and ports, its
	 * output in {@code <name>-<n>.log} of the log directory, awaited on its {@code /health}.
	 */
	public void startService(String name) {
		startService(name, Map.of());
	}

	/**
	 * Starts a service {@link #stopService stopped} before again, as {@link #startService(String)} does,
	 * with {@code variables} set over the ones it ran with, for this start and the later ones: a rollout
	 * of a changed secret (an empty value reads as unset, as the services read one).
	 */
	public void startService(String name, Map<String, String> variables) {
		Launch how;
		int generation;
		synchronized (this) {
			ServiceProcess previous = find(name);
			if (previous == null || previous.isAlive()) {
				throw new DevSuiteException(name + " is " + ((previous == null) ? "not a service of this suite"
						: "still running; stop it first"));
			}
			Launch before = this.launches.get(name);
			Map<String, String> environment = new TreeMap<>(before.environment);
			environment.putAll(variables);
			generation = before.generation + 1;
			how = new Launch(before.jar, Map.copyOf(environment), generation, before.url);
			this.launches.put(name, how);
		}
		ServiceProcess service = launch(name, name + "-" + generation, how.jar, how.environment, how.url);
		service.awaitHealthy(URI.create(how.url + "/health"), this.settings.startupTimeout);
	}

	/**
	 * Kills one service as a crash or the OOM killer would: SIGKILL, no shutdown hook, no drain, locks and
	 * claims left as they were. {@link #startService} starts it again.
	 * @param name {@code auth-billing}, {@code gateway} or a replica's name
	 * @return its exit code (137) and how long the exit took
	 */
	public Stopped killService(String name) {
		ServiceProcess service = running(name);
		long started = System.nanoTime();
		service.kill();
		if (!service.awaitExit(Duration.ofSeconds(30))) {
			throw service.failure(name + " did not exit within 30 s of SIGKILL");
		}
		return new Stopped(name, service.exitValue(), Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * Starts another instance of {@code service} ({@code auth-billing} or {@code gateway}) beside the
	 * first, sharing its PostgreSQL, Redis, mail catcher and secrets, on free ports of its own, and
	 * awaits its {@code /health}: two replicas on one machine, as a cluster runs them.
	 * @param name the instance's name, also its log file's ({@code <name>.log})
	 * @param variables set for this instance only, over the suite's (e.g. a second gateway's
	 * {@code AUTH_BILLING_URL}, or its own port)
	 */
	public Replica startReplica(String name, String service, Map<String, String> variables) {
		String portVariable = "gateway".equals(service) ? "GATEWAY_PORT" : "AUTH_BILLING_PORT";
		String managementVariable = "gateway".equals(service) ? "GATEWAY_MANAGEMENT_PORT"
				: "AUTH_BILLING_MANAGEMENT_PORT";
		Launch first;
		synchronized (this) {
			first = this.launches.get(service);
			if (first == null || find(name) != null) {
				throw new DevSuiteException((first == null) ? service + " is not a service of this suite"
						: name + " is already a service of this suite");
			}
		}
		Map<String, String> environment = new TreeMap<>(first.environment);
		environment.put(portVariable, Integer.toString(Ports.free()));
		environment.put(managementVariable, Integer.toString(Ports.free()));
		// A port the caller chose wins: another replica may need to know it before this one is up.
		environment.putAll(variables);
		int port = Integer.parseInt(environment.get(portVariable));
		int managementPort = Integer.parseInt(environment.get(managementVariable));
		String url = "http://localhost:" + port;
		ServiceProcess replica = launch(name, name, first.jar, environment, url);
		replica.awaitHealthy(URI.create(url + "/health"), this.settings.startupTimeout);
		return new Replica(name, url, "http://localhost:" + managementPort);
	}

	private synchronized ServiceProcess running(String name) {
		ServiceProcess service = find(name);
		if (service == null || !service.isAlive()) {
			throw new DevSuiteException(name + " is not running");
		}
		return service;
	}

	private ServiceProcess find(String name) {
		return this.services.stream().filter((s) -> s.name().equals(name)).reduce((first, last) -> last).orElse(null);
	}

	/** A service that exited after {@link #stopService}: its exit code (143 is SIGTERM's) and how long it took. */
	public record Stopped(String name, int exitCode, Duration took) {
	}

	private record Launch(Path jar, Map<String, String> environment, int generation, String url) {
	}

	/**
	 * Another instance of a service, started by {@link #startReplica}.
	 * @param name its name in this suite (for {@link #stopService}, {@link #killService}, {@link #startService})
	 * @param url its public base URL
	 * @param managementUrl its management base URL ({@code /actuator/prometheus})
	 */
	public record Replica(String name, String url, String managementUrl) {
	}

	private int port(String variable) {
		return Integer.parseInt(this.variables.get(variable));
	}

	private DevSuite startAll() {
		Map<String, String> given = new HashMap<>();
		this.settings.environment.forEach((name, value) -> {
			if (value != null && !value.isBlank()) {
				given.put(name, value);
			}
		});
		given.putAll(this.settings.overrides);
		this.variables.putAll(given);
		resolvePorts();
		startInfrastructure();
		startWebApp();
		fillSecrets();
		fill("AUTH_BILLING_URL", authBillingUrl());
		fill("GATEWAY_URL", gatewayUrl());
		if (this.stripeStandIn != null) {
			this.stripeStandIn.deliverTo(URI.create(gatewayUrl() + "/api/billing/webhooks"),
					this.variables.get("STRIPE_WEBHOOK_SECRET"));
		}
		if (this.settings.services) {
			startServices();
		}
		return this;
	}

	/** Random dev secrets, or the ones kept from earlier runs; what the environment sets always wins. */
	private void fillSecrets() {
		if (this.settings.secretsFile == null) {
			DevEnvironment.SECRETS.forEach((name) -> fill(name, DevEnvironment.devSecret(name)));
			fillGatewayKeyPair(DevEnvironment.signingKeyPair());
			return;
		}
		DevSecrets kept = DevSecrets.load(this.settings.secretsFile);
		DevEnvironment.SECRETS.forEach((name) -> {
			if (!has(name)) {
				fill(name, kept.get(name));
			}
		});
		if (!has(DevEnvironment.GATEWAY_SIGNING_KEY)) {
			fillGatewayKeyPair(kept.keyPair(DevEnvironment.GATEWAY_SIGNING_KEY, DevEnvironment.GATEWAY_PUBLIC_KEY));
		}
		kept.save();
	}

	/**
	 * The gateway signs its service tokens with GATEWAY_SIGNING_KEY; auth-billing verifies them with the
	 * public half alone (SERVICE_PUBLIC_KEY_GATEWAY), so the two are made together. A GATEWAY_SIGNING_KEY
	 * set by hand needs its SERVICE_PUBLIC_KEY_GATEWAY set too.
	 */
	private void fillGatewayKeyPair(String[] pair) {
		fill(DevEnvironment.GATEWAY_SIGNING_KEY, pair[0]);
		fill(DevEnvironment.GATEWAY_PUBLIC_KEY, pair[1]);
	}

	private void resolvePorts() {
		DevEnvironment.PORTS.forEach((name, contractDefault) -> {
			if (this.settings.freePorts) {
				this.variables.put(name, Integer.toString(Ports.free()));
				this.devValues.add(name);
			}
			else {
				fill(name, contractDefault.toString());
				checkPort(name);
			}
		});
	}

	private void checkPort(String name) {
		String value = this.variables.get(name);
		int port;
		try {
			port = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new DevSuiteException(name + " must be a port number, not '" + value + "'");
		}
		if (this.settings.services && Ports.inUse(port)) {
			throw new DevSuiteException("Port " + port + " (" + name + ") is already in use. Is another dev suite "
					+ "running? Stop it, or set " + name + " to a free port.");
		}
	}

	private void startInfrastructure() {
		if (!has("DATABASE_URL")) {
			if (this.settings.dataDirectory == null) {
				progress("starting embedded PostgreSQL 17 ...");
				this.postgres = own(PostgresServer.start());
			}
			else {
				progress("starting embedded PostgreSQL 17 on " + this.settings.dataDirectory + " ...");
				Path portFile = postgresPortFile(this.settings.dataDirectory);
				this.postgres = own(PostgresServer.startPersistent(this.settings.dataDirectory, lastPort(portFile)));
				rememberPort(portFile, this.postgres.port());
			}
			fill("DATABASE_URL", this.postgres.databaseUrl());
		}
		if (!has("REDIS_URL")) {
			progress("starting embedded Redis ...");
			this.redis = own(RedisServer.start());
			fill("REDIS_URL", this.redis.url());
		}
		if (!has("SMTP_HOST")) {
			int port = (has("SMTP_PORT") && !this.settings.freePorts) ? Integer.parseInt(this.variables.get("SMTP_PORT"))
					: 0;
			this.mailCatcher = own(MailCatcher.start(port, this.settings.mailbox,
					this.settings.printMails ? this.settings.console : null));
			fill("SMTP_HOST", this.mailCatcher.host());
			this.variables.put("SMTP_PORT", Integer.toString(this.mailCatcher.port()));
			this.devValues.add("SMTP_PORT");
			if (this.settings.mailboxPagePort != null) {
				this.mailboxPage = own(MailboxPage.start(this.settings.freePorts ? 0 : this.settings.mailboxPagePort,
						this.mailCatcher));
			}
		}
		startStripeStandIn();
	}

	/**
	 * No Stripe named: the dev stand-in answers checkout and portal sessions, with a key and prices of
	 * its own unless the environment sets them, so that an upgrade works offline.
	 */
	private void startStripeStandIn() {
		if (has("STRIPE_API_BASE")) {
			return;
		}
		this.stripeStandIn = own(StripeStandIn.start(0));
		fill("STRIPE_API_BASE", this.stripeStandIn.url());
		fill("STRIPE_SECRET_KEY", "sk_test_dev_stand_in");
		fill("STRIPE_PRICE_BASIC", "price_dev_basic");
		fill("STRIPE_PRICE_PRO", "price_dev_pro");
	}

	/**
	 * The reference web app, when built: on port 3000 (the contract's {@code FRONTEND_URL}) when free,
	 * else a free one; the mails' links and Stripe's return URLs point at it, and the gateway's CORS
	 * allows it, unless the environment says otherwise.
	 */
	private void startWebApp() {
		if (!WebAppServer.isBuilt(this.settings.webApp)) {
			if (this.settings.webApp != null) {
				progress("no web app at " + this.settings.webApp + " (build it: cd clients/web && npm ci && npm run build)");
			}
			return;
		}
		int port = this.settings.freePorts ? 0
				: (this.settings.webAppPort != null) ? this.settings.webAppPort : Ports.inUse(3000) ? 0 : 3000;
		this.webApp = own(WebAppServer.start(port, this.settings.webApp, this::webAppConfig));
		fill("FRONTEND_URL", this.webApp.url());
		fill("CORS_ALLOWED_ORIGINS", String.join(",", new LinkedHashSet<>(List.of("http://localhost:3000", this.webApp.url()))));
	}

	/** The web app's {@code /config.json}: where the gateway and the dev mailbox are, and the metered upstream. */
	private String webAppConfig() {
		StringBuilder json = new StringBuilder("{\"gatewayUrl\": \"").append(gatewayUrl()).append('"');
		mailboxPage().ifPresent((page) -> json.append(", \"mailboxUrl\": \"").append(page.url()).append('"'));
		this.variables.keySet()
			.stream()
			.filter((name) -> name.startsWith("UPSTREAM_") && name.endsWith("_METERED_RESOURCE"))
			.map((name) -> name.substring("UPSTREAM_".length(), name.length() - "_METERED_RESOURCE".length()))
			.findFirst()
			.ifPresent((service) -> json.append(", \"meteredService\": \"").append(service.toLowerCase(java.util.Locale.ROOT))
				.append('"'));
		return json.append("}").toString();
	}

	/** {@code .dev/postgres} keeps its last port in {@code .dev/postgres.port}. */
	static Path postgresPortFile(Path dataDirectory) {
		Path absolute = dataDirectory.toAbsolutePath().normalize();
		return absolute.resolveSibling(absolute.getFileName() + ".port");
	}

	private static int lastPort(Path portFile) {
		try {
			return Files.isRegularFile(portFile) ? Integer.parseInt(Files.readString(portFile).strip()) : 0;
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	private static void rememberPort(Path portFile, int port) {
		try {
			Files.writeString(portFile, port + "\n");
		}
		catch (IOException ex) {
			logger.warn("Could not write {}: {}", portFile, ex.toString());
		}
	}

	private void startServices() {
		Path authBillingJar = privateCopy(existing("auth-billing", this.settings.authBillingJar));
		Path gatewayJar = privateCopy(existing("gateway", this.settings.gatewayJar));
		Map<String, String> child = DevEnvironment.childEnvironment(System.getenv(), this.variables);
		progress("starting auth-billing on " + authBillingUrl() + " and the gateway on " + gatewayUrl() + " ...");
		ServiceProcess authBilling = launch("auth-billing", "auth-billing", authBillingJar, child, authBillingUrl());
		ServiceProcess gateway = launch("gateway", "gateway", gatewayJar, child, gatewayUrl());
		authBilling.awaitHealthy(URI.create(authBillingUrl() + "/health"), this.settings.startupTimeout);
		gateway.awaitHealthy(URI.create(gatewayUrl() + "/health"), this.settings.startupTimeout);
	}

	private ServiceProcess launch(String name, String logName, Path jar, Map<String, String> environment,
			String url) {
		List<String> jvmArgs = new ArrayList<>(ServiceJvm.options(Runtime.version()));
		// Later options win in HotSpot, so the caller's extras override the shipped settings.
		jvmArgs.addAll(this.settings.jvmArgs);
		ServiceProcess service = ServiceProcess.launch(name, logName, jar, jvmArgs, environment,
				this.settings.logDirectory, this.settings.console);
		synchronized (this) {
			ServiceProcess previous = find(name);
			if (previous != null) {
				this.services.remove(previous);
			}
			this.services.add(service);
			this.launches.putIfAbsent(name, new Launch(jar, environment, 1, url));
			if (this.closed) {
				throw new DevSuiteException("The dev suite was stopped while starting " + name);
			}
		}
		return service;
	}

	/**
	 * The services run from copies, so that a rebuild while they run (another terminal's
	 * {@code ./mvnw package}) cannot pull classes from under them.
	 */
	private Path privateCopy(Path jar) {
		try {
			synchronized (this) {
				if (this.jarCopies == null) {
					this.jarCopies = Files.createTempDirectory("saasgate-dev-jars-");
				}
			}
			return Files.copy(jar, this.jarCopies.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not copy " + jar + " to a temporary directory: " + ex, ex);
		}
	}

	private static Path existing(String module, Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new DevSuiteException("The " + module + " jar is missing: " + jar.toAbsolutePath()
					+ ". Build it first: ./mvnw -B -DskipTests package");
		}
		return jar;
	}

	private synchronized <T extends AutoCloseable> T own(T resource) {
		if (this.closed) {
			closeQuietly(resource);
			throw new DevSuiteException("The dev suite was stopped while starting");
		}
		return resource;
	}

	private boolean has(String name) {
		String value = this.variables.get(name);
		return value != null && !value.isBlank();
	}

	private void fill(String name, String devValue) {
		if (!has(name)) {
			this.variables.put(name, devValue);
			this.devValues.add(name);
		}
	}

	private void progress(String message) {
		if (this.settings.console != null) {
			this.settings.console.println("[dev] " + message);
		}
	}

	/** Stops the services (SIGTERM, then SIGKILL after 10 s), Redis, PostgreSQL and the mail catcher. */
	@Override
	public void close() {
		List<ServiceProcess> running;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			running = List.copyOf(this.services);
		}
		running.forEach(ServiceProcess::stop);
		running.forEach(ServiceProcess::awaitStopped);
		closeQuietly(this.redis);
		closeQuietly(this.postgres);
		closeQuietly(this.mailboxPage);
		closeQuietly(this.stripeStandIn);
		closeQuietly(this.webApp);
		closeQuietly(this.mailCatcher);
		deleteJarCopies();
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook is running or done.
			}
		}
	}

	private void deleteJarCopies() {
		Path directory;
		synchronized (this) {
			directory = this.jarCopies;
		}
		if (directory == null) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			logger.warn("Could not remove {}: {}", directory, ex.toString());
		}
	}

	private static void closeQuietly(AutoCloseable resource) {
		if (resource == null) {
			return;
		}
		try {
			resource.close();
		}
		catch (Exception ex) {
			// Ctrl-C reaches the whole process group, so a server may have stopped on its own already.
			logger.warn("While stopping {}: {}", resource.getClass().getSimpleName(), ex.toString());
		}
	}

	/** How to start a {@link DevSuite}. */
	public static final class Builder {

		private Map<String, String> environment = System.getenv();

		private final Map<String, String> overrides = new HashMap<>();

		private boolean freePorts;

		private boolean services = true;

		private Path authBillingJar = defaultJar("auth-billing");

		private Path gatewayJar = defaultJar("gateway");

		private List<String> jvmArgs = List.of();

		private Path logDirectory;

		private Path mailbox = Path.of(".dev", "mail");

		private boolean printMails = true;

		private Path dataDirectory;

		private Path secretsFile;

		private Integer mailboxPagePort;

		private Path webApp;

		private Integer webAppPort;

		private PrintStream console = System.out;

		private Duration startupTimeout = Duration.ofMinutes(3);

		private Builder() {
		}

		/** The variables to honour; the process environment by default. */
		public Builder environment(Map<String, String> environment) {
			this.environment = Map.copyOf(environment);
			return this;
		}

		/** Sets one variable for the services, over whatever the environment says. */
		public Builder set(String name, String value) {
			this.overrides.put(name, value);
			return this;
		}

		/** Free ports for everything instead of the contract's (5000, 3001, 9000, 9001), as tests want. */
		public Builder freePorts() {
			this.freePorts = true;
			return this;
		}

		/** Only PostgreSQL, Redis, the mail catcher and the variables; no service processes. */
		public Builder withoutServices() {
			this.services = false;
			return this;
		}

		public Builder authBillingJar(Path jar) {
			this.authBillingJar = jar;
			return this;
		}

		public Builder gatewayJar(Path jar) {
			this.gatewayJar = jar;
			return this;
		}

		/** JVM options for the service processes after {@link ServiceJvm#OPTIONS}, which they override. */
		public Builder jvmArgs(List<String> jvmArgs) {
			this.jvmArgs = List.copyOf(jvmArgs);
			return this;
		}

		/** Writes each service's output to {@code <directory>/<service>.log} instead of the console. */
		public Builder logDirectory(Path directory) {
			this.logDirectory = directory;
			return this;
		}

		/** Where caught mails are saved; {@code .dev/mail} by default. */
		public Builder mailbox(Path mailbox) {
			this.mailbox = mailbox;
			return this;
		}

		/**
		 * Keeps the embedded PostgreSQL's data in {@code directory} across runs (and tries its last port
		 * again, kept next to it as {@code <directory>.port}); by default the cluster is throwaway.
		 */
		public Builder persistentPostgres(Path directory) {
			this.dataDirectory = directory;
			return this;
		}

		/**
		 * Keeps the generated dev secrets in {@code file} (mode 600) and reuses them on the next start;
		 * by default they are random per run. Secrets the environment sets win either way.
		 */
		public Builder secretsFile(Path file) {
			this.secretsFile = file;
			return this;
		}

		/** Serves the caught mails on http://127.0.0.1:{@code port}/ (0: a free port; so do free ports). */
		public Builder mailboxPage(int port) {
			this.mailboxPagePort = port;
			return this;
		}

		/**
		 * Serves the reference web app built into {@code directory} (clients/web/dist), if it is built, and
		 * points {@code FRONTEND_URL} and the gateway's CORS at it unless the environment sets them.
		 */
		public Builder webApp(Path directory) {
			this.webApp = directory;
			return this;
		}

		/** The web app's port; by default 3000 when free, else any free port (always free with free ports). */
		public Builder webAppPort(int port) {
			this.webAppPort = port;
			return this;
		}

		/** Whether caught mails are printed on the console; true by default. */
		public Builder printMails(boolean printMails) {
			this.printMails = printMails;
			return this;
		}

		/** Progress, service output (without a log directory) and mails go here; {@code null} for silence. */
		public Builder console(PrintStream console) {
			this.console = console;
			return this;
		}

		/** How long each service may take to answer 200 on {@code /health}; 3 minutes by default. */
		public Builder startupTimeout(Duration timeout) {
			this.startupTimeout = timeout;
			return this;
		}

		/** Starts everything, or stops what it started and throws {@link DevSuiteException}. */
		public DevSuite start() {
			DevSuite suite = new DevSuite(this);
			Runtime.getRuntime().addShutdownHook(suite.shutdownHook);
			try {
				return suite.startAll();
			}
			catch (RuntimeException ex) {
				suite.close();
				throw ex;
			}
		}

	}

}
