package com.saasgate.authbilling.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The browser origins that may call auth-billing directly.
 *
 * @param allowedOrigins {@code CORS_ALLOWED_ORIGINS}, the front ends (the same list as the
 * gateway's); default {@code http://localhost:3000}
 * @param gatewayUrl {@code GATEWAY_URL}, the public entry point, whose origin is allowed too (the
 * API documentation pages it serves); default {@code http://localhost:5000}
 */
@ConfigurationProperties("web.cors")
@Validated
record CorsProperties(@DefaultValue("http://localhost:3000") @NotNull List<String> allowedOrigins,
		@DefaultValue("http://localhost:5000") @NotNull URI gatewayUrl) {

	/** Every allowed origin, as browsers write them: scheme, host and port only. */
	List<String> origins() {
		String gateway = this.gatewayUrl.getScheme() + "://" + this.gatewayUrl.getRawAuthority();
		return java.util.stream.Stream.concat(this.allowedOrigins.stream().map(String::strip), java.util.stream.Stream.of(gateway))
			.filter((origin) -> !origin.isEmpty())
			.map((origin) -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
			.distinct()
			.toList();
	}

}
