package com.saasgate.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.RawHttp;
import com.saasgate.gateway.TestTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing and usage routes: Stripe's webhooks reach auth-billing byte for byte without a token,
 * under a cap of their own (1 MiB here; 64 KiB for everything else in this configuration), and the
 * user's billing calls need an access token.
 */
class BillingRoutingTests extends GatewayTestSupport {

	private static final String SIGNATURE = "t=1764000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

	@Test
	void webhookWhenPrettyNonAsciiCrlfBodyThenForwardedByteForByteWithSignature() {
		byte[] body = ("{\r\n  \"id\": \"evt_1\",\r\n  \"object\": \"event\",\n\t\"note\": \"Zürich – 東京 – \\u00e9 😀\",\r\n"
				+ "  \"amount\":   1.50e2 ,\"dup\": 1, \"dup\": 2\r\n}\r\n")
			.getBytes(StandardCharsets.UTF_8);

		LoggedRequest forwarded = postWebhook(body);

		assertThat(forwarded.getUrl()).isEqualTo("/billing/webhooks");
		assertThat(forwarded.getBody()).isEqualTo(body);
		assertThat(forwarded.getHeader("Stripe-Signature")).isEqualTo(SIGNATURE);
		assertThat(forwarded.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
		assertThat(forwarded.getHeader("X-Service-Token")).isNotBlank();
		assertThat(forwarded.containsHeader("X-User-Id")).isFalse();
	}

	@Test
	void webhookWhenFiveHundredKibibytesThenForwardedWhole() {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		payload.writeBytes("{\r\n  \"id\": \"evt_big\",\r\n  \"padding\": \"".getBytes(StandardCharsets.UTF_8));
		while (payload.size() < 500 * 1024) {
			payload.writeBytes("é€\r\n😀 ".getBytes(StandardCharsets.UTF_8));
		}
		payload.writeBytes("\"\r\n}".getBytes(StandardCharsets.UTF_8));
		byte[] body = payload.toByteArray();

		LoggedRequest forwarded = postWebhook(body);

		assertThat(forwarded.getBody()).hasSize(body.length).isEqualTo(body);
		assertThat(forwarded.getHeader("Stripe-Signature")).isEqualTo(SIGNATURE);
	}

	@Test
	void webhookWhenSentChunkedOverARawSocketThenForwardedByteForByte() throws Exception {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{\"received\":true}")));
		byte[] first = "{\r\n  \"id\": \"evt_chunked\",\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] second = "  \"note\": \"ünïcödé\"\r\n}".getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		for (byte[] chunk : new byte[][] { first, second }) {
			chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.writeBytes(chunk);
			chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

		RawHttp.Response response = RawHttp.send(this.port, "POST /api/billing/webhooks HTTP/1.1\r\n"
				+ "Content-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\nStripe-Signature: "
				+ SIGNATURE, chunked.toByteArray());

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.writeBytes(first);
		expected.writeBytes(second);
		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getBody()).isEqualTo(expected.toByteArray());
		assertThat(forwarded.getHeader("Stripe-Signature")).isEqualTo(SIGNATURE);
	}

	@Test
	void webhookWhenOverOneMebibyteThenPayloadTooLargeAndNothingForwarded() {
		assertProblem(this.client.post()
			.uri("/api/billing/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Stripe-Signature", SIGNATURE)
			.bodyValue(new byte[1024 * 1024 + 1])
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "payload_too_large");

		assertNothingForwarded();
	}

	@Test
	void webhookWhenExactlyOneMebibyteThenForwarded() {
		byte[] body = new byte[1024 * 1024];
		java.util.Arrays.fill(body, (byte) 'x');

		assertThat(postWebhook(body).getBody()).hasSize(body.length);
	}

	@Test
	void otherPathWhenOverItsOwnCapThenStillPayloadTooLarge() {
		assertProblem(this.client.post()
			.uri("/api/billing/checkout")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(UUID.randomUUID()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[64 * 1024 + 1])
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "payload_too_large");

		assertNothingForwarded();
	}

	@Test
	void plansWhenNoTokenThenForwardedToBillingPlans() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("[]")));

		this.client.get().uri("/api/billing/plans").exchange().expectStatus().isOk();

		assertThat(onlyForwardedRequest().getUrl()).isEqualTo("/billing/plans");
	}

	@Test
	void userBillingRoutesWhenNoTokenThenAuthenticationRequiredAndNothingForwarded() {
		assertProblem(this.client.post().uri("/api/billing/checkout").bodyValue("{}").exchange(),
				HttpStatus.UNAUTHORIZED, "authentication_required");
		assertProblem(this.client.post().uri("/api/billing/portal").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");
		assertProblem(this.client.get().uri("/api/billing/subscription").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");
		assertProblem(this.client.get().uri("/api/usage/summary").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");

		assertNothingForwarded();
	}

	@Test
	void userBillingRoutesWhenTokenValidThenForwardedWithUserIdAndTier() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		UUID userId = UUID.randomUUID();
		String bearer = "Bearer " + TestTokens.valid(userId);

		for (String[] call : new String[][] { { "POST", "/api/billing/checkout", "/billing/checkout" },
				{ "POST", "/api/billing/portal", "/billing/portal" },
				{ "GET", "/api/billing/subscription", "/billing/subscription" },
				{ "GET", "/api/usage/summary", "/usage/summary" } }) {
			authBilling().resetRequests();

			this.client.method(org.springframework.http.HttpMethod.valueOf(call[0]))
				.uri(call[1])
				.header(HttpHeaders.AUTHORIZATION, bearer)
				.exchange()
				.expectStatus()
				.isOk();

			LoggedRequest forwarded = onlyForwardedRequest();
			assertThat(forwarded.getUrl()).isEqualTo(call[2]);
			assertThat(forwarded.getMethod().getName()).isEqualTo(call[0]);
			assertThat(forwarded.getHeader("X-User-Id")).isEqualTo(userId.toString());
			assertThat(forwarded.getHeader("X-User-Tier")).isEqualTo("pro");
		}
	}

	@Test
	void billingWhenPathHasNoRouteThenNotFound() {
		assertProblem(this.client.get().uri("/api/billing/invoices").exchange(), HttpStatus.NOT_FOUND, "not_found");

		assertNothingForwarded();
	}

	private LoggedRequest postWebhook(byte[] body) {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{\"received\":true}")));

		this.client.post()
			.uri("/api/billing/webhooks")
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Stripe-Signature", SIGNATURE)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.received")
			.isEqualTo(true);
		return onlyForwardedRequest();
	}

}
