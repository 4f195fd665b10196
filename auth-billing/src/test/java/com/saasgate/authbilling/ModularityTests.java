package com.saasgate.authbilling;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages are modules (Spring Modulith): no cycles between them, and a module reaches
 * another only through that module's top-level package, its API.
 */
class ModularityTests {

	@Test
	void modulesWhenVerifiedThenNoCyclesAndOnlyPublicApisUsed() {
		ApplicationModules.of(AuthBillingApplication.class).verify();
	}

}
