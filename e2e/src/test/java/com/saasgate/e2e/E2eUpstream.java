package com.saasgate.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The {@code memory} service of the e2e run ({@code UPSTREAM_MEMORY_URL}): a WireMock server on a
 * free port, started with the suite and kept for the JVM, answering {@code 200} and recording every
 * request with its headers.
 */
final class E2eUpstream {

	private static final WireMockServer SERVER = start();

	private E2eUpstream() {
	}

	static WireMockServer server() {
		return SERVER;
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(50));
		server.start();
		server.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
