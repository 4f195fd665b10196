package com.saasgate.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake auth-billing on a free port, started once per test JVM and shared by the test classes
 * (each resets it), so the Spring context they share is built once.
 */
public final class AuthBillingStub {

	/** WireMock's default is 5; lower numbers win. */
	public static final int TIER_PRIORITY = 1;

	private static final WireMockServer SERVER = start();

	private AuthBillingStub() {
	}

	public static WireMockServer server() {
		return SERVER;
	}

	public static String baseUrl() {
		return SERVER.baseUrl();
	}

	/**
	 * Answers tier loads for the users whose path matches the regex with that tier (as its effective
	 * tier too) and version. Above the default priority, so a test's catch-all stub for the routes
	 * does not answer tier loads too.
	 */
	public static void stubTier(String pathRegex, String tier, long version) {
		SERVER.stubFor(get(urlPathMatching(pathRegex)).atPriority(TIER_PRIORITY).willReturn(okJson(
				"{\"tier\":\"" + tier + "\",\"effectiveTier\":\"" + tier + "\",\"version\":" + version + "}")));
	}

	/** The path of auth-billing's JWKS, which the gateway fetches access-token keys from. */
	public static final String JWKS_PATH = "/.well-known/jwks.json";

	/** Serves auth-billing's JWKS ({@link TestTokens#jwks()}). */
	public static void stubJwks() {
		SERVER.stubFor(get(urlPathMatching(JWKS_PATH)).atPriority(TIER_PRIORITY).willReturn(okJson(TestTokens.jwks())));
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
