package com.saasgate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the gateway (public port {@code GATEWAY_PORT}, default 5000). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	/** Netty's buffer allocator, unless {@code -Dio.netty.allocator.type} chooses another. */
	static final String ALLOCATOR = "pooled";

	public static void main(String[] args) {
		useAllocator();
		SpringApplication.run(GatewayApplication.class, args);
	}

	/**
	 * Netty 4.2's default, the adaptive allocator, writes a header's characters into its buffers one byte at a
	 * time through an index translation: 9 % of the gateway's CPU samples on the refresh route, whose headers
	 * (the service token, auth-billing's security headers) are long (JFR, docs/benchmarks.md, "Issue 16 on a
	 * quiet machine"). The pooled allocator, Netty 4.1's default, writes them straight into memory. Set
	 * before Netty's first class loads, which reads the property once.
	 */
	static void useAllocator() {
		if (System.getProperty("io.netty.allocator.type") == null) {
			System.setProperty("io.netty.allocator.type", ALLOCATOR);
		}
	}

}
