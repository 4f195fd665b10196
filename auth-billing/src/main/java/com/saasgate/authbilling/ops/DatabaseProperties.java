package com.saasgate.authbilling.ops;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The database connection.
 *
 * @param url {@code DATABASE_URL}: {@code postgresql://user:password@host:port/db} as platforms hand
 * it out, or a {@code jdbc:postgresql:} URL; required
 * @param poolMax {@code DB_POOL_MAX}, the most pooled connections; default 20
 * @param poolMin {@code DB_POOL_MIN}, idle connections kept; default 5
 * @param connectionTimeout {@code DB_CONNECTION_TIMEOUT}, how long a request waits for a pooled
 * connection before it gets {@code 503 overloaded}; default {@code 2s} (250 ms to 30 s)
 * @param idleTimeout {@code DB_IDLE_TIMEOUT}, when a connection above the minimum is closed; default
 * {@code 10m}
 * @param maxLifetime {@code DB_MAX_LIFETIME}, when any connection is replaced (keep it below the
 * database's or a proxy's own limit); default {@code 30m}
 */
@ConfigurationProperties("database")
@Validated
public record DatabaseProperties(@NotBlank(message = "DATABASE_URL must be set") String url,
		@DefaultValue("20") @Min(1) @Max(500) int poolMax, @DefaultValue("5") @Min(0) @Max(500) int poolMin,
		@DefaultValue("2s") @NotNull Duration connectionTimeout, @DefaultValue("10m") @NotNull Duration idleTimeout,
		@DefaultValue("30m") @NotNull Duration maxLifetime) {

	@AssertTrue(message = "DB_CONNECTION_TIMEOUT must be between 250ms and 30s")
	boolean isConnectionTimeoutInRange() {
		return this.connectionTimeout == null || (this.connectionTimeout.toMillis() >= 250
				&& this.connectionTimeout.compareTo(Duration.ofSeconds(30)) <= 0);
	}

	@AssertTrue(message = "DB_MAX_LIFETIME must be at least 30s and DB_IDLE_TIMEOUT at least 10s")
	boolean isLifetimesInRange() {
		return this.maxLifetime == null || this.idleTimeout == null
				|| (this.maxLifetime.toSeconds() >= 30 && this.idleTimeout.toSeconds() >= 10);
	}

	@Override
	public String toString() {
		return "DatabaseProperties[url=" + redactedUrl() + ", poolMax=" + this.poolMax + ", poolMin=" + this.poolMin
				+ ", connectionTimeout=" + this.connectionTimeout + ", idleTimeout=" + this.idleTimeout
				+ ", maxLifetime=" + this.maxLifetime + "]";
	}

	// toString must neither fail nor echo an unparsable URL: it may hold the password.
	private String redactedUrl() {
		try {
			return DatabaseUrl.parse(this.url).redacted();
		}
		catch (IllegalArgumentException ex) {
			return "(invalid)";
		}
	}

}
