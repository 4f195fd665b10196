package com.saasgate.authbilling.email;

import java.net.URI;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail. How and when it is delivered (batches, retries, leases) is the outbox's
 * ({@code outbox.*}).
 *
 * @param from {@code MAIL_FROM}, the sender; default {@code no-reply@localhost}
 * @param frontendUrl {@code FRONTEND_URL}, where the links in mails point; default
 * {@code http://localhost:3000}
 * @param productName {@code MAIL_PRODUCT_NAME}, the product's name in mail texts; default
 * {@code SaaSGate}
 */
@ConfigurationProperties("mail")
@Validated
public record MailProperties(@DefaultValue("no-reply@localhost") @NotBlank @Email String from,
		@DefaultValue("http://localhost:3000") @NotNull URI frontendUrl,
		@DefaultValue("SaaSGate") @NotBlank @Size(max = 100) String productName) {

	/** A link into the front end, without a doubled slash. */
	public String link(String path) {
		String base = this.frontendUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
