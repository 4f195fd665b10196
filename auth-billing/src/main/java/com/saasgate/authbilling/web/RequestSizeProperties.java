package com.saasgate.authbilling.web;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large a request body may be.
 *
 * @param max {@code AUTH_BILLING_MAX_REQUEST_SIZE}, the cap of every path without its own; default
 * {@code 64KB} (no call of the API needs more)
 * @param paths caps of single paths (exact match), above or below {@code max}; by default
 * {@code /billing/webhooks} gets {@code AUTH_BILLING_WEBHOOK_MAX_REQUEST_SIZE}, default {@code 1MB}
 * (Stripe events carry whole objects, and a refused event is one Stripe retries in vain)
 */
@ConfigurationProperties("web.request-size")
@Validated
public record RequestSizeProperties(@NotNull @DefaultValue("64KB") DataSize max, Map<String, DataSize> paths) {

	public RequestSizeProperties {
		paths = (paths != null) ? Map.copyOf(paths) : Map.of();
	}

	/** The cap of {@code path}. */
	DataSize limitOf(String path) {
		return this.paths.getOrDefault(path, this.max);
	}

}
