package com.saasgate.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The gateway's packages ({@code error}, {@code ops}, {@code routing}, {@code security}) are modules
 * (Spring Modulith): no cycles between them, and each reaches another only through its top-level
 * package.
 */
class ModularityTests {

	@Test
	void modulesWhenVerifiedThenNoCyclesAndOnlyPublicApisUsed() {
		ApplicationModules.of(GatewayApplication.class).verify();
	}

}
