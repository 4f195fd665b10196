package com.saasgate.authbilling.billing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * WireMock standing in for api.stripe.com, one per test JVM (so every billing test shares one Spring
 * context), answering in Stripe's shapes (see {@code /work/shared/stripe-fixtures}).
 */
public final class StripeFake {

	static final String CUSTOMERS = "/v1/customers";

	static final String CHECKOUT_SESSIONS = "/v1/checkout/sessions";

	static final String PORTAL_SESSIONS = "/v1/billing_portal/sessions";

	public static final String EVENTS = "/v1/events";

	private static final WireMockServer server = start();

	private StripeFake() {
	}

	private static WireMockServer start() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options()
			.dynamicPort()
			.bindAddress("127.0.0.1")
			.containerThreads(40));
		wireMock.start();
		Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop));
		return wireMock;
	}

	public static WireMockServer server() {
		return server;
	}

	public static String baseUrl() {
		return "http://127.0.0.1:" + server.port();
	}

	public static void reset() {
		server.resetAll();
	}

	static MappingBuilder onPost(String path) {
		return post(urlPathEqualTo(path));
	}

	public static MappingBuilder onGet(String path) {
		return get(urlPathEqualTo(path));
	}

	/** Every GET Stripe received on a path, oldest first. */
	public static List<LoggedRequest> gets(String path) {
		return server.findAll(getRequestedFor(urlPathEqualTo(path)));
	}

	static void stub(String path, ResponseDefinitionBuilder response) {
		server.stubFor(onPost(path).willReturn(response));
	}

	/** Every POST Stripe received on a path, oldest first. */
	static List<LoggedRequest> posts(String path) {
		return server.findAll(postRequestedFor(urlPathEqualTo(path)));
	}

	/** The form body of a request, decoded ({@code metadata[userId]=...}). */
	static String form(LoggedRequest request) {
		return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
	}

	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_test")
			.withBody(body);
	}

	static ResponseDefinitionBuilder customer(String id) {
		return json(200, """
				{"id": "%s", "object": "customer", "address": null, "balance": 0, "created": 1764547200,
				 "currency": null, "default_source": null, "delinquent": false, "description": null,
				 "email": "user@example.com", "invoice_prefix": "A1B2C3D4", "livemode": false,
				 "metadata": {}, "name": null, "phone": null, "preferred_locales": [], "tax_exempt": "none"}
				""".formatted(id));
	}

	static ResponseDefinitionBuilder checkoutSession(String id) {
		return json(200, """
				{"id": "%1$s", "object": "checkout.session", "mode": "subscription", "status": "open",
				 "payment_status": "unpaid", "customer": "cus_test", "client_reference_id": null,
				 "created": 1764547200, "expires_at": 1764633600, "livemode": false, "metadata": {},
				 "subscription": null, "success_url": "http://localhost:3000/billing/success",
				 "cancel_url": "http://localhost:3000/billing/cancel",
				 "url": "https://checkout.stripe.com/c/pay/%1$s"}
				""".formatted(id));
	}

	static ResponseDefinitionBuilder portalSession(String id) {
		return json(200, """
				{"id": "%1$s", "object": "billing_portal.session", "configuration": "bpc_test",
				 "created": 1764547200, "customer": "cus_test", "livemode": false, "locale": null,
				 "on_behalf_of": null, "return_url": "http://localhost:3000/billing",
				 "url": "https://billing.stripe.com/p/session/%1$s"}
				""".formatted(id));
	}

	public static ResponseDefinitionBuilder serverError() {
		return json(500, """
				{"error": {"type": "api_error", "message": "An unknown error occurred"}}
				""");
	}

	public static ResponseDefinitionBuilder rateLimited() {
		return json(429, """
				{"error": {"type": "invalid_request_error", "code": "rate_limit",
				 "message": "Too many requests hit the API too quickly."}}
				""");
	}

}
