package com.saasgate.devsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevSuiteTests {

	private static final Map<String, String> EXTERNAL_SERVERS = Map.of("DATABASE_URL",
			"postgresql://app:secret@db.example:5432/app", "REDIS_URL", "redis://cache.example:6379", "SMTP_HOST",
			"mail.example");

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path temp;

	@Test
	void startWhenEnvironmentEmptyThenEmbeddedServersAndRandomSecrets() throws Exception {
		try (DevSuite suite = DevSuite.builder().environment(Map.of()).withoutServices().freePorts()
			.mailbox(this.temp.resolve("mail")).console(null).start()) {
			Map<String, String> env = suite.environment();
			assertThat(env.get("JWT_SIGNING_KEY")).startsWith("-----BEGIN PRIVATE KEY-----").endsWith("-----END PRIVATE KEY-----");
			assertThat(env.get("JWT_REFRESH_SECRET")).hasSizeGreaterThanOrEqualTo(48);
			assertThat(env.get("SERVICE_JWT_SECRET")).hasSizeGreaterThanOrEqualTo(48);
			// The gateway's key pair: the private half for the gateway, the public half for auth-billing.
			assertThat(env.get("GATEWAY_SIGNING_KEY")).startsWith("-----BEGIN PRIVATE KEY-----")
				.isNotEqualTo(env.get("JWT_SIGNING_KEY"));
			assertThat(env.get("SERVICE_PUBLIC_KEY_GATEWAY")).startsWith("-----BEGIN PUBLIC KEY-----");
			// No HMAC key of the gateway's: auth-billing would not take one as the gateway's anyway.
			assertThat(env).doesNotContainKey("SERVICE_JWT_SECRET_GATEWAY");
			assertThat(suite.databaseUrl()).startsWith("postgresql://");
			try (Connection connection = DriverManager.getConnection("jdbc:" + suite.databaseUrl().replace("postgres:postgres@", ""), "postgres", "");
					ResultSet result = connection.createStatement().executeQuery("SELECT 1")) {
				assertThat(result.next()).isTrue();
			}
			assertThat(redisPing(suite.embeddedRedis().orElseThrow().port())).isEqualTo("+PONG");
			assertThat(env.get("SMTP_PORT")).isEqualTo(Integer.toString(suite.mailCatcher().orElseThrow().port()));
			assertThat(env.get("GATEWAY_URL")).isEqualTo(suite.gatewayUrl());
			assertThat(env.get("AUTH_BILLING_URL")).isEqualTo(suite.authBillingUrl());
			assertThat(suite.gatewayUrl()).isNotEqualTo("http://localhost:5000");
		}
	}

	@Test
	void startWhenEnvironmentSetsVariablesThenHonoursThemAndStartsNothing() {
		Map<String, String> given = new java.util.HashMap<>(EXTERNAL_SERVERS);
		given.put("JWT_SIGNING_KEY", "a-secret-the-developer-chose-on-purpose-for-this-run");
		given.put("GATEWAY_PORT", "5555");
		given.put("PATH", "/usr/bin");
		try (DevSuite suite = DevSuite.builder().environment(given).withoutServices().console(null).start()) {
			assertThat(suite.environment()).containsAllEntriesOf(EXTERNAL_SERVERS)
				.containsEntry("JWT_SIGNING_KEY", "a-secret-the-developer-chose-on-purpose-for-this-run")
				.containsEntry("AUTH_BILLING_PORT", "3001")
				.containsEntry("GATEWAY_MANAGEMENT_PORT", "9000")
				.containsEntry("GATEWAY_URL", "http://localhost:5555")
				.doesNotContainKey("PATH");
			assertThat(suite.mailCatcher()).isEmpty();
			assertThat(suite.embeddedRedis()).isEmpty();
			assertThat(suite.devValues()).contains("JWT_REFRESH_SECRET", "SERVICE_JWT_SECRET")
				.doesNotContain("JWT_SIGNING_KEY", "DATABASE_URL", "GATEWAY_PORT");
		}
	}

	@Test
	void startWhenServicesHealthyThenTheyGetTheVariablesAndCloseStopsThem() throws Exception {
		DevSuite suite = DevSuite.builder().environment(EXTERNAL_SERVERS).set("AUTH_REFRESH_REUSE_GRACE", "2s")
			.freePorts().authBillingJar(FakeJars.healthy(this.temp, "auth-billing"))
			.gatewayJar(FakeJars.healthy(this.temp, "gateway")).logDirectory(this.temp.resolve("logs")).console(null)
			.start();
		try (suite) {
			assertThat(get(suite.authBillingUrl() + "/env/AUTH_REFRESH_REUSE_GRACE")).isEqualTo("2s");
			assertThat(get(suite.gatewayUrl() + "/env/JWT_SIGNING_KEY")).isEqualTo(suite.environment().get("JWT_SIGNING_KEY"));
			assertThat(get(suite.gatewayUrl() + "/env/AUTH_BILLING_URL")).isEqualTo(suite.authBillingUrl());
			assertThat(get(suite.authBillingUrl() + "/env/DATABASE_URL")).isEqualTo(EXTERNAL_SERVERS.get("DATABASE_URL"));
			assertThat(this.temp.resolve("logs/gateway.log")).content().contains("fake gateway listening");
		}
		assertThat(suite.isClosed()).isTrue();
		assertThatThrownBy(() -> get(suite.gatewayUrl() + "/health")).isInstanceOf(ConnectException.class);
		assertThatThrownBy(() -> get(suite.authBillingUrl() + "/health")).isInstanceOf(ConnectException.class);
	}

	@Test
	void stopServiceWhenSigtermThenExitsByItselfWithItsLastLinesLoggedAndStartServiceServesTheSamePortAgain()
			throws Exception {
		try (DevSuite suite = DevSuite.builder().environment(EXTERNAL_SERVERS).freePorts()
			.authBillingJar(FakeJars.healthy(this.temp, "auth-billing"))
			.gatewayJar(FakeJars.healthy(this.temp, "gateway")).logDirectory(this.temp.resolve("logs")).console(null)
			.start()) {
			long firstPid = suite.servicePids().get("auth-billing");

			DevSuite.Stopped stopped = suite.stopService("auth-billing", Duration.ofSeconds(30));

			assertThat(stopped.exitCode()).as("exit code after SIGTERM").isEqualTo(143);
			assertThat(suite.servicePids()).doesNotContainKey("auth-billing");
			assertThatThrownBy(() -> get(suite.authBillingUrl() + "/health")).isInstanceOf(ConnectException.class);
			assertThat(this.temp.resolve("logs/auth-billing.log")).content()
				.as("what it logs while it shuts down is kept").contains("fake auth-billing stopped on SIGTERM");
			assertThatThrownBy(() -> suite.stopService("auth-billing", Duration.ofSeconds(1)))
				.isInstanceOf(DevSuiteException.class).hasMessageContaining("not running");

			suite.startService("auth-billing", Map.of("JWT_SIGNING_KEY_PREVIOUS", "the-next-key"));

			assertThat(get(suite.authBillingUrl() + "/env/JWT_SIGNING_KEY")).isEqualTo(suite.environment().get("JWT_SIGNING_KEY"));
			assertThat(get(suite.authBillingUrl() + "/env/JWT_SIGNING_KEY_PREVIOUS")).as("a rollout's changed variable")
				.isEqualTo("the-next-key");
			assertThat(suite.servicePids().get("auth-billing")).isNotEqualTo(firstPid);
			assertThat(this.temp.resolve("logs/auth-billing-2.log")).content().contains("fake auth-billing listening");
			assertThat(suite.anyServiceExit()).as("only the running services count").isNotDone();
			assertThatThrownBy(() -> suite.startService("auth-billing")).isInstanceOf(DevSuiteException.class)
				.hasMessageContaining("still running");
		}
	}

	@Test
	void startReplicaWhenAskedThenASecondInstanceSharesTheSuiteOnItsOwnPortAndSurvivesSigkillAndRestart()
			throws Exception {
		try (DevSuite suite = DevSuite.builder().environment(EXTERNAL_SERVERS).freePorts()
			.authBillingJar(FakeJars.healthy(this.temp, "auth-billing"))
			.gatewayJar(FakeJars.healthy(this.temp, "gateway")).logDirectory(this.temp.resolve("logs")).console(null)
			.start()) {
			DevSuite.Replica replica = suite.startReplica("auth-billing-2", "auth-billing",
					Map.of("OUTBOX_RELAY_ENABLED", "false"));

			assertThat(replica.url()).isNotEqualTo(suite.authBillingUrl());
			assertThat(get(replica.url() + "/env/DATABASE_URL")).isEqualTo(EXTERNAL_SERVERS.get("DATABASE_URL"));
			assertThat(get(replica.url() + "/env/JWT_SIGNING_KEY")).isEqualTo(suite.environment().get("JWT_SIGNING_KEY"));
			assertThat(get(replica.url() + "/env/OUTBOX_RELAY_ENABLED")).isEqualTo("false");
			assertThat(get(suite.authBillingUrl() + "/env/OUTBOX_RELAY_ENABLED")).as("the first instance keeps its own")
				.isEmpty();
			long firstPid = suite.servicePids().get("auth-billing-2");

			DevSuite.Stopped killed = suite.killService("auth-billing-2");

			assertThat(killed.exitCode()).as("exit code after SIGKILL").isEqualTo(137);
			assertThat(this.temp.resolve("logs/auth-billing-2.log")).content().as("no shutdown hook ran")
				.contains("fake auth-billing listening").doesNotContain("stopped on SIGTERM");
			assertThat(get(suite.authBillingUrl() + "/health")).as("the other instance").contains("UP");
			assertThat(suite.anyServiceExit()).as("a replica killed on purpose is no service dying").isNotDone();

			suite.startService("auth-billing-2");

			assertThat(get(replica.url() + "/env/OUTBOX_RELAY_ENABLED")).isEqualTo("false");
			assertThat(suite.servicePids().get("auth-billing-2")).isNotEqualTo(firstPid);
			assertThat(this.temp.resolve("logs/auth-billing-2-2.log")).content().contains("fake auth-billing listening");
			assertThatThrownBy(() -> suite.startReplica("auth-billing-2", "auth-billing", Map.of()))
				.isInstanceOf(DevSuiteException.class).hasMessageContaining("already");
		}
	}

	@Test
	void startWhenServiceExitsDuringStartupThenErrorShowsItsLastLines() throws Exception {
		DevSuite.Builder builder = DevSuite.builder().environment(EXTERNAL_SERVERS).freePorts()
			.authBillingJar(FakeJars.corrupt(this.temp, "auth-billing"))
			.gatewayJar(FakeJars.healthy(this.temp, "gateway")).logDirectory(this.temp).console(null)
			.startupTimeout(Duration.ofSeconds(30));

		assertThatThrownBy(builder::start).isInstanceOf(DevSuiteException.class)
			.hasMessageContaining("auth-billing exited with code 1 during start-up")
			.hasMessageContaining("auth-billing.log")
			.hasMessageContaining("Invalid or corrupt jarfile");
	}

	@Test
	void startWhenJarMissingThenSaysHowToBuildIt() {
		DevSuite.Builder builder = DevSuite.builder().environment(EXTERNAL_SERVERS).freePorts()
			.authBillingJar(this.temp.resolve("nope.jar")).console(null);

		assertThatThrownBy(builder::start).isInstanceOf(DevSuiteException.class)
			.hasMessageContaining("auth-billing jar is missing")
			.hasMessageContaining("./mvnw -B -DskipTests package");
	}

	@Test
	void startWhenContractPortTakenThenNamesTheVariable() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
			DevSuite.Builder builder = DevSuite.builder().environment(Map.of("GATEWAY_PORT", Integer.toString(taken.getLocalPort())))
				.console(null);

			assertThatThrownBy(builder::start).isInstanceOf(DevSuiteException.class)
				.hasMessageContaining("Port " + taken.getLocalPort() + " (GATEWAY_PORT) is already in use");
		}
	}

	private String get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String redisPing(int port) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
		}
	}

}
