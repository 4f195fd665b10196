package com.saasgate.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The seed's scripts against the running suite: {@code scripts/test-webhook-body.sh} posts a signed
 * webhook through the gateway, {@code scripts/test-env-validation.sh} starts the built jars with bad
 * secrets in {@code prod}. Each must exit 0 and say what it checked. Without bash the test
 * fails (saying so) rather than skipping.
 */
@ExtendWith(E2eSuite.class)
class SeedScriptsIT {

	private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

	private final DevSuite suite;

	SeedScriptsIT(DevSuite suite) {
		this.suite = suite;
	}

	@Test
	void webhookScriptWhenRunAgainstSuiteThenEventStoredAndProcessed() throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("GATEWAY_URL", this.suite.gatewayUrl());
		environment.put("AUTH_BILLING_URL", this.suite.authBillingUrl());
		environment.put("STRIPE_WEBHOOK_SECRET", secret("STRIPE_WEBHOOK_SECRET"));
		environment.put("SERVICE_JWT_SECRET", secret("SERVICE_JWT_SECRET"));
		String opsKey = this.suite.environment().get("SERVICE_JWT_SECRET_OPS");
		if (opsKey != null) {
			environment.put("SERVICE_JWT_SECRET_OPS", opsKey);
		}

		Run run = run("scripts/test-webhook-body.sh", environment, 2);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("accepted through the gateway").containsPattern("OK: evt_\\S+ stored and processed");
	}

	@Test
	void envValidationScriptWhenRunThenEachServiceRefusesEachBadJwtSecret() throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("AUTH_BILLING_JAR", System.getProperty("e2e.authBillingJar", DevSuite.defaultJar("auth-billing").toString()));
		environment.put("GATEWAY_JAR", System.getProperty("e2e.gatewayJar", DevSuite.defaultJar("gateway").toString()));
		environment.put("DATABASE_URL", this.suite.databaseUrl());
		environment.put("REDIS_URL", this.suite.redisUrl());

		Run run = run("scripts/test-env-validation.sh", environment, 10);

		assertThat(run.exitCode()).as(run.output()).isZero();
		for (String variable : new String[] { "JWT_REFRESH_SECRET", "SERVICE_JWT_SECRET" }) {
			assertThat(run.output()).contains("OK: auth-billing refused: " + variable + " must be set",
					"OK: auth-billing refused: " + variable + " is a placeholder; set a real secret",
					"OK: auth-billing refused: " + variable + " must be at least 32 characters");
		}
		String[][] keys = { { "auth-billing", "JWT_SIGNING_KEY" }, { "gateway", "GATEWAY_SIGNING_KEY" } };
		for (String[] key : keys) {
			assertThat(run.output()).contains("OK: " + key[0] + " refused: " + key[1] + " must be set",
					"OK: " + key[0] + " refused: " + key[1] + " is not a usable signing key: not a key: expected a JWK (JSON) or PEM");
		}
		assertThat(run.output()).contains("OK: gateway refused: CORS_ALLOWED_ORIGINS points at localhost");
	}

	private String secret(String name) {
		String value = this.suite.environment().get(name);
		assertThat(value).as(name + " of the suite").isNotBlank();
		return value;
	}

	private static Run run(String script, Map<String, String> environment, int minutes) throws Exception {
		Path bash = bash();
		Path file = ROOT.resolve(script);
		assertThat(file).as("the script").isRegularFile();
		Path output = Files.createTempFile("seed-script", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(bash.toString(), file.toString()).directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			// The shell's own secrets must not leak in: only PATH, HOME and JAVA_HOME, then the given ones.
			Map<String, String> env = builder.environment();
			env.keySet().retainAll(java.util.Set.of("PATH", "HOME", "JAVA_HOME", "TMPDIR", "LANG"));
			env.putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				fail(script + " did not finish within " + minutes + " minutes: " + read(output));
			}
			return new Run(process.exitValue(), read(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Path bash() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "bash");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail("bash is not on the PATH; the seed's scripts need it (this test does not skip)");
	}

	private static String read(Path output) throws IOException {
		return Files.readString(output, StandardCharsets.UTF_8);
	}

	private record Run(int exitCode, String output) {
	}

}
