package com.saasgate.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake auth-billing on a free port, started once per test JVM and shared by the test classes
 * (each resets it), so the Spring context they share is built once.
 */
public final class AuthBillingStub {

	private static final WireMockServer SERVER = start();

	private AuthBillingStub() {
	}

	public static WireMockServer server() {
		return SERVER;
	}

	public static String baseUrl() {
		return SERVER.baseUrl();
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
