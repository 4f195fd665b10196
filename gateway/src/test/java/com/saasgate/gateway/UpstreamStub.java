package com.saasgate.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Two internal services behind the gateway, as WireMock servers on free ports started once per test
 * JVM: {@code intelligence} (metered by {@code llm_tokens}) and {@code memory} (not metered). They
 * record every request, headers included, and answer {@code 200 {}} unless a test says otherwise.
 */
public final class UpstreamStub {

	/** What {@code UPSTREAM_INTELLIGENCE_METERED_RESOURCE} is in the tests. */
	public static final String INTELLIGENCE_RESOURCE = "llm_tokens";

	private static final WireMockServer INTELLIGENCE = start();

	private static final WireMockServer MEMORY = start();

	private UpstreamStub() {
	}

	public static WireMockServer intelligence() {
		return INTELLIGENCE;
	}

	public static WireMockServer memory() {
		return MEMORY;
	}

	/** Forgets requests and stubs; both answer {@code 200 {}} to anything again. */
	public static void reset() {
		for (WireMockServer server : new WireMockServer[] { INTELLIGENCE, MEMORY }) {
			server.resetAll();
			server.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
		}
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
