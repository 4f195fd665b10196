package com.saasgate.gateway.security;

import java.util.List;

import com.saasgate.security.config.InvalidConfigurationException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client-address resolution, from {@code TRUSTED_PROXIES}. */
@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

	@Bean
	ClientAddressFilter clientAddressFilter(ClientAddressProperties properties) {
		try {
			return new ClientAddressFilter(TrustedProxies.of(properties.trustedProxies()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(List.of("TRUSTED_PROXIES is invalid: " + ex.getMessage()));
		}
	}

}
