package com.saasgate.gateway.security;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway tells who the client is.
 *
 * @param trustedProxies {@code TRUSTED_PROXIES}, comma-separated addresses or CIDR blocks of the proxies
 * in front of the gateway (a load balancer, an ingress), whose {@code X-Forwarded-For} hop is believed;
 * default none, so the client is the TCP peer
 */
@ConfigurationProperties("gateway.client-address")
@Validated
record ClientAddressProperties(@NotNull List<@Pattern(regexp = "\\s*|\\s*[0-9A-Fa-f:.]+(/\\d{1,3})?\\s*",
		message = "TRUSTED_PROXIES entries must be IP addresses or CIDR blocks like 10.0.0.0/8") String> trustedProxies) {

	ClientAddressProperties {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

}
