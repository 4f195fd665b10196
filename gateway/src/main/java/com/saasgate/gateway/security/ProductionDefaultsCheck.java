package com.saasgate.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.LocalhostDefaults;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Under the {@code prod} profile, refuses to start while a setting is still a default or placeholder
 * that only makes sense on a developer's machine or in the docs, one line per variable:
 * <ul>
 * <li>{@code CORS_ALLOWED_ORIGINS}, or the {@code upgradeUrl} of 429 bodies ({@code GATEWAY_UPGRADE_URL},
 * by default {@code FRONTEND_URL} + {@code /billing}), pointing at localhost ({@link LocalhostDefaults});</li>
 * <li>{@code TRUSTED_PROXIES} naming a documentation block (RFC 5737, RFC 3849): the placeholder that
 * {@code deploy/k8s}'s prod overlay ships until the operator names the ingress controller's addresses.</li>
 * </ul>
 * It runs once every bean is made and before the server takes traffic, so that the checks made while
 * beans are created (the secrets above all) still speak first, each on its own.
 */
@Component
final class ProductionDefaultsCheck implements SmartInitializingSingleton {

	/** Addresses reserved for documentation, which no real proxy has. */
	private static final List<Cidr> DOCUMENTATION = List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"),
			Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::/32"));

	private final GatewayProperties properties;

	private final ClientAddressProperties clientAddress;

	private final Environment environment;

	ProductionDefaultsCheck(GatewayProperties properties, ClientAddressProperties clientAddress, Environment environment) {
		this.properties = properties;
		this.clientAddress = clientAddress;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.environment.matchesProfiles("prod")) {
			return;
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CORS_ALLOWED_ORIGINS", String.join(",", this.properties.cors().allowedOrigins()));
		// Two features read it under the same variable; one line either way.
		values.put("GATEWAY_UPGRADE_URL (default FRONTEND_URL + /billing)",
				this.environment.getProperty("gateway.rate-limit.upgrade-url", "") + ","
						+ this.environment.getProperty("gateway.quota.upgrade-url", ""));
		List<String> errors = new ArrayList<>(LocalhostDefaults.errors(values));
		if (this.clientAddress.trustedProxies().stream().anyMatch(ProductionDefaultsCheck::isDocumentation)) {
			errors.add("TRUSTED_PROXIES holds a documentation address (a placeholder); name the addresses of the "
					+ "proxies in front of the gateway");
		}
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
	}

	private static boolean isDocumentation(String entry) {
		if (entry.isBlank()) {
			return false;
		}
		Cidr block;
		InetAddress network;
		try {
			block = Cidr.parse(entry.strip());
			network = InetAddress.getByAddress(block.network());
		}
		catch (IllegalArgumentException | UnknownHostException ex) {
			return false; // TrustedProxies names a malformed entry
		}
		return DOCUMENTATION.stream().anyMatch((documentation) -> documentation.contains(network));
	}

}
