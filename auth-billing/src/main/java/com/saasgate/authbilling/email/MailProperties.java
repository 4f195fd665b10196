package com.saasgate.authbilling.email;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail.
 *
 * @param from {@code MAIL_FROM}, the sender; default {@code no-reply@localhost}
 * @param frontendUrl {@code FRONTEND_URL}, where the links in mails point; default
 * {@code http://localhost:3000}
 * @param relayBatchSize mails one relay pass claims; default 20
 * @param maxBackoff the longest wait between two tries of one mail; default 1 hour
 * @param lease how long a claimed mail is hidden from other replicas while it is sent; default 2 minutes
 */
@ConfigurationProperties("mail")
@Validated
public record MailProperties(@DefaultValue("no-reply@localhost") @NotBlank @Email String from,
		@DefaultValue("http://localhost:3000") @NotNull URI frontendUrl, @DefaultValue("20") int relayBatchSize,
		@DefaultValue("1h") @NotNull Duration maxBackoff, @DefaultValue("2m") @NotNull Duration lease) {

	/** A link into the front end, without a doubled slash. */
	public String link(String path) {
		String base = this.frontendUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
