package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stripe's API for {@link ClusterSuite} ({@code STRIPE_API_BASE}): WireMock on a port fixed for the run,
 * so that {@link #refuseConnections()} and {@link #acceptConnections()} can close and reopen it. Like
 * Stripe, a creation's object id follows from its {@code Idempotency-Key}: a replay of one key answers
 * the same customer or session, so the journal's distinct keys are the objects Stripe made.
 */
final class StripeFake {

	static final String CUSTOMERS = "/v1/customers";

	static final String CHECKOUT_SESSIONS = "/v1/checkout/sessions";

	/** Customer and session ids: Stripe's prefix and the request's idempotency key. */
	private static final String CUSTOMER = """
			{"id": "cus_{{request.headers.Idempotency-Key}}", "object": "customer", "livemode": false}""";

	private static final String SESSION = """
			{"id": "cs_{{request.headers.Idempotency-Key}}", "object": "checkout.session", "mode": "subscription",
			 "livemode": false, "url": "https://checkout.stripe.test/c/pay/cs_{{request.headers.Idempotency-Key}}"}""";

	private final WireMockServer server;

	private boolean refusing;

	private StripeFake(WireMockServer server) {
		this.server = server;
	}

	static StripeFake start() {
		WireMockServer server = new WireMockServer(options().port(freePort()).containerThreads(40));
		server.start();
		StripeFake stripe = new StripeFake(server);
		stripe.healthy();
		return stripe;
	}

	String baseUrl() {
		return "http://localhost:" + this.server.port();
	}

	/** Answers every call as Stripe does when all is well. */
	synchronized void healthy() {
		acceptConnections();
		this.server.resetMappings();
		this.server.stubFor(creation(CUSTOMERS, created(CUSTOMER)));
		this.server.stubFor(creation(CHECKOUT_SESSIONS, created(SESSION)));
		this.server.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions"))
			.willReturn(okJson("{\"id\": \"bps_cluster\", \"object\": \"billing_portal.session\","
					+ " \"url\": \"https://billing.stripe.test/p/session/cluster\"}")));
		// StripeHealth's probe, every minute
		this.server.stubFor(get(urlPathEqualTo("/v1/balance"))
			.willReturn(okJson("{\"object\": \"balance\", \"available\": [], \"pending\": [], \"livemode\": false}")));
	}

	/** Every creation answered {@code status} with Stripe's error body. */
	synchronized void failing(int status, String type) {
		String body = "{\"error\": {\"type\": \"" + type + "\", \"message\": \"fault injected by the test\"}}";
		for (String path : List.of(CUSTOMERS, CHECKOUT_SESSIONS)) {
			this.server.stubFor(creation(path, aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json").withBody(body)).atPriority(1));
		}
	}

	/** Every creation succeeds at Stripe, but answers only after {@code delayMillis}. */
	synchronized void slow(int delayMillis) {
		this.server.stubFor(creation(CUSTOMERS, created(CUSTOMER).withFixedDelay(delayMillis)).atPriority(1));
		this.server.stubFor(creation(CHECKOUT_SESSIONS, created(SESSION).withFixedDelay(delayMillis)).atPriority(1));
	}

	/** Closes the port: connections are refused until {@link #acceptConnections()}. */
	synchronized void refuseConnections() {
		this.server.stop();
		this.refusing = true;
	}

	/** Opens the same port again, stubs and journal as they were. */
	synchronized void acceptConnections() {
		if (this.refusing) {
			this.server.start();
			this.refusing = false;
		}
	}

	/** Every request Stripe received, with what it answered. */
	List<ServeEvent> journal() {
		return this.server.getAllServeEvents();
	}

	void stop() {
		this.server.stop();
	}

	private static MappingBuilder creation(String path, ResponseDefinitionBuilder response) {
		return post(urlPathEqualTo(path)).willReturn(response);
	}

	private static ResponseDefinitionBuilder created(String template) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(template)
			.withTransformers("response-template");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
