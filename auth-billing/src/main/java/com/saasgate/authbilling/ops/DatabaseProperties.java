package com.saasgate.authbilling.ops;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

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
 */
@ConfigurationProperties("database")
@Validated
public record DatabaseProperties(@NotBlank(message = "DATABASE_URL must be set") String url,
		@DefaultValue("20") @Min(1) @Max(500) int poolMax, @DefaultValue("5") @Min(0) @Max(500) int poolMin) {

	@Override
	public String toString() {
		return "DatabaseProperties[url=" + redactedUrl() + ", poolMax=" + this.poolMax + ", poolMin=" + this.poolMin
				+ "]";
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
