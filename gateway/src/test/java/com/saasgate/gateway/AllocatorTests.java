package com.saasgate.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllocatorTests {

	private static final String PROPERTY = "io.netty.allocator.type";

	private final String before = System.getProperty(PROPERTY);

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(PROPERTY);
		}
		else {
			System.setProperty(PROPERTY, this.before);
		}
	}

	@Test
	void useAllocatorWhenNoneChosenThenPooled() {
		System.clearProperty(PROPERTY);

		GatewayApplication.useAllocator();

		assertThat(System.getProperty(PROPERTY)).isEqualTo("pooled");
	}

	@Test
	void useAllocatorWhenOperatorChoseOneThenKept() {
		System.setProperty(PROPERTY, "adaptive");

		GatewayApplication.useAllocator();

		assertThat(System.getProperty(PROPERTY)).isEqualTo("adaptive");
	}

}
