package com.saasgate.authbilling.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DatabaseUrlTests {

	@Test
	void parseWhenPlatformUrlThenJdbcUrlAndDecodedCredentials() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p%40ss@host:5433/db?sslmode=require");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5433/db?sslmode=require");
		assertThat(url.username()).isEqualTo("user");
		assertThat(url.password()).isEqualTo("p@ss");
	}

	@Test
	void parseWhenPostgresAliasWithoutPortThenJdbcUrl() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db.internal/saasgate");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/saasgate");
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("secret");
	}

	@Test
	void parseWhenJdbcUrlThenPassedThroughWithoutCredentials() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://host:5432/db?user=app&ssl=true");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db?user=app&ssl=true");
		assertThat(url.username()).isNull();
		assertThat(url.password()).isNull();
	}

	@Test
	void parseWhenSurroundedByWhitespaceThenStripped() {
		assertThat(DatabaseUrl.parse("  postgresql://u:pw@host/db \n").jdbcUrl()).isEqualTo("jdbc:postgresql://host/db");
	}

	@Test
	void parseWhenNoCredentialsThenNoUserOrPassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://host:5432/db");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
		assertThat(url.username()).isNull();
		assertThat(url.password()).isNull();
	}

	@Test
	void parseWhenUserWithoutPasswordThenNoPassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://app@host/db");

		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isNull();
	}

	@Test
	void parseWhenPasswordHoldsEncodedReservedCharactersThenDecoded() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://us%3Aer:a%3Ab%2Fc%3Fd%23e%25f@host/db");

		assertThat(url.username()).isEqualTo("us:er");
		assertThat(url.password()).isEqualTo("a:b/c?d#e%f");
	}

	@Test
	void parseWhenPasswordHoldsAPlusThenKeptAsAPlus() {
		// RFC 3986 userinfo, not a form: '+' is a plus, not a space.
		assertThat(DatabaseUrl.parse("postgresql://app:pa+ss@host/db").password()).isEqualTo("pa+ss");
	}

	@Test
	void parseWhenIpv6HostThenKeptInBrackets() {
		assertThat(DatabaseUrl.parse("postgresql://app:pw@[::1]:5432/db").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/db");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void parseWhenMissingThenErrorNamingDatabaseUrl(String value) {
		IllegalArgumentException failure = catchThrowableOfType(IllegalArgumentException.class,
				() -> DatabaseUrl.parse(value));

		assertThat(failure).hasMessageContaining("DATABASE_URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage-s3cr3t-pw", "postgresql://app:s3cr3t-pw@host", "postgresql://app:s3cr3t-pw@host/",
			"postgresql://app:s3cr3t-pw@/db", "postgresql://app:s3cr3t-pw@host:notaport/db",
			"postgresql://app:s3cr3t pw@host/db", "postgresql://app:s3cr3t-pw%zz@host/db",
			"postgresql://app:s3cr3t-pw#x@host/db", "mysql://app:s3cr3t-pw@host:3306/db",
			"http://app:s3cr3t-pw@host/db", "jdbc:mysql://host/db?password=s3cr3t-pw",
			"postgresql:app:s3cr3t-pw@host/db" })
	void parseWhenMalformedThenErrorNamingDatabaseUrlWithoutThePassword(String value) {
		IllegalArgumentException failure = catchThrowableOfType(IllegalArgumentException.class,
				() -> DatabaseUrl.parse(value));

		assertThat(failure).as(value).isNotNull().hasMessageContaining("DATABASE_URL");
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause.getMessage()).as(value).doesNotContain("s3cr3t");
			assertThat(cause.toString()).as(value).doesNotContain("s3cr3t");
		}
	}

	@Test
	void toStringNeverShowsThePassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss-s3cr3t@host:5433/db?sslmode=require");

		assertThat(url.toString()).contains("jdbc:postgresql://host:5433/db").contains("app").doesNotContain("s3cr3t");
		assertThat(url.redacted()).doesNotContain("s3cr3t");
	}

	@Test
	void toStringWhenPasswordIsInTheQueryThenHidesIt() {
		DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://host/db?user=app&password=s3cr3t&ssl=true");
		DatabaseUrl platform = DatabaseUrl.parse("postgresql://host/db?password=s3cr3t");

		assertThat(jdbc.toString()).contains("jdbc:postgresql://host/db").contains("ssl=true").doesNotContain("s3cr3t");
		assertThat(platform.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void databasePropertiesToStringNeverShowsThePasswordNorFails() {
		assertThat(properties("postgresql://app:s3cr3t@host/db").toString()).contains("host/db")
			.doesNotContain("s3cr3t");
		assertThat(properties("garbage:s3cr3t").toString()).doesNotContain("s3cr3t");
		assertThat(properties(null).toString()).doesNotContain("s3cr3t");
	}

	private static DatabaseProperties properties(String url) {
		return new DatabaseProperties(url, 20, 5, java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(10),
				java.time.Duration.ofMinutes(30));
	}

}
