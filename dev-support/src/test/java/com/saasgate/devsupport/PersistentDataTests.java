package com.saasgate.devsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What {@code scripts/dev} keeps between runs: the PostgreSQL data, its port and the dev secrets. */
class PersistentDataTests {

	@TempDir
	Path temp;

	private DevHome home() {
		return new DevHome(this.temp.resolve("dot-dev"));
	}

	private DevSuite start(DevHome home) {
		return start(home, Map.of());
	}

	private DevSuite start(DevHome home, Map<String, String> environment) {
		return DevSuite.builder().environment(environment).withoutServices().freePorts().mailbox(home.mail())
			.persistentPostgres(home.postgres()).secretsFile(home.secrets()).console(null).start();
	}

	@Test
	void restartWhenDataDirectoryKeptThenRowsSecretsAndPortSurvive() throws Exception {
		DevHome home = home();
		Map<String, String> first;
		int port;
		try (DevSuite suite = start(home)) {
			first = suite.environment();
			port = suite.postgresDataDirectory().map((d) -> portOf(suite)).orElseThrow();
			assertThat(suite.postgresDataDirectory()).hasValue(home.postgres().toAbsolutePath().normalize());
			execute(suite, "CREATE TABLE kept (name text)", "INSERT INTO kept VALUES ('ada')");
		}
		assertThat(home.postgres().resolve("PG_VERSION")).hasContent("17");
		assertThat(Files.getPosixFilePermissions(home.secrets())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

		try (DevSuite suite = start(home)) {
			assertThat(names(suite)).containsExactly("ada");
			assertThat(portOf(suite)).isEqualTo(port);
			for (String secret : DevEnvironment.SECRETS) {
				assertThat(suite.environment().get(secret)).as(secret).isEqualTo(first.get(secret)).isNotBlank();
			}
		}
	}

	@Test
	void secretsWhenEnvironmentSetsOneThenItWinsAndTheRestAreKept() {
		DevHome home = home();
		String kept;
		try (DevSuite suite = start(home, Map.of("DATABASE_URL", "postgresql://a:b@db.example:5432/a"))) {
			kept = suite.environment().get("JWT_REFRESH_SECRET");
		}
		Map<String, String> given = Map.of("DATABASE_URL", "postgresql://a:b@db.example:5432/a", "JWT_REFRESH_SECRET",
				"a-secret-the-developer-chose-on-purpose-for-this-run");
		try (DevSuite suite = start(home, given)) {
			assertThat(suite.environment()).containsEntry("JWT_REFRESH_SECRET",
					"a-secret-the-developer-chose-on-purpose-for-this-run");
			assertThat(suite.postgresDataDirectory()).isEmpty();
		}
		assertThat(DevSecrets.load(home.secrets()).get("JWT_REFRESH_SECRET")).isEqualTo(kept);
	}

	@Test
	void freshWhenDataKeptThenDeletesDataSecretsAndMails() throws Exception {
		DevHome home = home();
		String secret;
		try (DevSuite suite = start(home)) {
			secret = suite.environment().get("JWT_SIGNING_KEY");
			execute(suite, "CREATE TABLE kept (name text)");
			MailCatcherTests.send(suite.mailCatcher().orElseThrow(), "ada@example.com", "Hi", "hello");
		}
		assertThat(home.mail()).isNotEmptyDirectory();

		List<Path> deleted = home.wipe();

		assertThat(deleted).contains(home.postgres(), home.secrets(), home.mail(), home.postgresPort());
		assertThat(home.postgres()).doesNotExist();
		assertThat(home.secrets()).doesNotExist();
		assertThat(home.mail()).doesNotExist();
		try (DevSuite suite = start(home)) {
			assertThat(suite.environment().get("JWT_SIGNING_KEY")).isNotEqualTo(secret);
			assertThatThrownBy(() -> names(suite)).isInstanceOf(SQLException.class).hasMessageContaining("kept");
		}
		assertThat(home.wipe()).contains(home.postgres());
		assertThat(home.wipe()).isEmpty();
	}

	@Test
	void startWhenDataOfAnotherMajorVersionThenSuggestsFresh() throws Exception {
		Path data = Files.createDirectories(this.temp.resolve("old"));
		Files.writeString(data.resolve("PG_VERSION"), "16\n");

		assertThatThrownBy(() -> PostgresServer.startPersistent(data, 0)).isInstanceOf(DevSuiteException.class)
			.hasMessageContaining("created by PostgreSQL 16")
			.hasMessageContaining("PostgreSQL 17")
			.hasMessageContaining("scripts/dev --fresh");
	}

	@Test
	void startWhenLauncherWasKilledThenStopsItsLeftoverServerAndKeepsTheData() throws Exception {
		Path data = this.temp.resolve("crash");
		Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), PersistentPostgresChild.class.getName(), data.toString())
			.redirectErrorStream(true)
			.start();
		long leftover;
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
			String line;
			do {
				line = out.readLine();
			}
			while (line != null && !line.startsWith("ready "));
			assertThat(line).as("the child launcher's output").isNotNull();
			int port = Integer.parseInt(line.substring("ready ".length()).strip());
			try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE kept (name text)");
				statement.execute("INSERT INTO kept VALUES ('survivor')");
			}
			leftover = PostgresServer.postmasterOf(data).orElseThrow().pid();
		}
		finally {
			launcher.destroyForcibly(); // SIGKILL: no shutdown hook, the postmaster stays behind
			launcher.waitFor();
		}
		assertThat(ProcessHandle.of(leftover)).hasValueSatisfying((p) -> assertThat(p.isAlive()).isTrue());
		assertThat(data.resolve("postmaster.pid")).exists();

		try (PostgresServer postgres = PostgresServer.startPersistent(data, 0)) {
			assertThat(ProcessHandle.of(leftover).filter(ProcessHandle::isAlive)).isEmpty();
			try (Connection connection = connect(postgres.port());
					ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM kept")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("survivor");
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> PostgresServer.postmasterOf(data), Optional::isEmpty);
	}

	@Test
	void startWhenLauncherWasKilledThenStopsTheProcessesItNotedAndNoStranger() throws Exception {
		DevHome home = home();
		Process leftover = new ProcessBuilder("sleep", "600").start();
		Process stranger = new ProcessBuilder("sleep", "600").start();
		try {
			home.rememberChildren(List.of(leftover.toHandle()));
			// A live process noted with another start time: its pid was recycled, it is not ours.
			Files.writeString(home.launcherPids(), stranger.pid() + " 2001-01-01T00:00:00Z\n",
					java.nio.file.StandardOpenOption.APPEND);

			assertThat(home.stopLeftovers()).containsExactly(leftover.pid());

			// The JVM reaps its child on its own thread, a moment after the handle saw the exit.
			assertThat(leftover.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the leftover stopped").isTrue();
			assertThat(stranger.isAlive()).isTrue();
			assertThat(home.launcherPids()).doesNotExist();
			assertThat(home.stopLeftovers()).isEmpty();
		}
		finally {
			leftover.destroyForcibly();
			stranger.destroyForcibly();
		}
	}

	private static int portOf(DevSuite suite) {
		String url = suite.databaseUrl();
		return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
	}

	private static Connection connect(int port) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
	}

	private static void execute(DevSuite suite, String... statements) throws SQLException {
		try (Connection connection = connect(portOf(suite)); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static List<String> names(DevSuite suite) throws SQLException {
		try (Connection connection = connect(portOf(suite));
				ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM kept")) {
			List<String> names = new java.util.ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
	}

}
