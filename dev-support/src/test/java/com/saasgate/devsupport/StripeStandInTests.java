package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev Stripe stand-in driven by stripe-java itself (as auth-billing calls it) and by a browser's
 * requests, with a real HTTP endpoint receiving its webhooks and checking their signatures with
 * stripe-java's {@code Webhook.constructEvent}, as auth-billing does.
 */
class StripeStandInTests {

	private static final String SECRET = "whsec_standin_test_secret";

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final List<Event> received = new CopyOnWriteArrayList<>();

	private StripeStandIn stripe;

	private HttpServer gateway;

	private StripeClient client;

	@BeforeEach
	void start() throws IOException {
		this.gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.gateway.createContext("/api/billing/webhooks", (exchange) -> {
			try (exchange) {
				String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				int status = 200;
				try {
					this.received.add(Webhook.constructEvent(payload,
							exchange.getRequestHeaders().getFirst("Stripe-Signature"), SECRET, 300));
				}
				catch (Exception ex) {
					status = 400;
				}
				byte[] body = "{\"received\": true}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
		this.gateway.start();
		this.stripe = StripeStandIn.start(0);
		this.stripe.deliverTo(URI.create("http://127.0.0.1:" + this.gateway.getAddress().getPort() + "/api/billing/webhooks"),
				SECRET);
		this.client = StripeClient.builder().setApiKey("sk_test_dev").setApiBase(this.stripe.url()).build();
	}

	@AfterEach
	void stop() {
		this.stripe.close();
		this.gateway.stop(0);
	}

	@Test
	void createCustomerWhenSameIdempotencyKeyThenSameCustomer() throws StripeException {
		CustomerCreateParams params = CustomerCreateParams.builder().setEmail("ada@example.com").build();
		RequestOptions key = RequestOptions.builder().setIdempotencyKey("customer-create-1").build();

		Customer first = this.client.v1().customers().create(params, key);
		Customer again = this.client.v1().customers().create(params, key);
		Customer other = this.client.v1().customers()
			.create(params, RequestOptions.builder().setIdempotencyKey("customer-create-2").build());

		assertThat(first.getId()).startsWith("cus_").isEqualTo(again.getId()).isNotEqualTo(other.getId());
		assertThat(first.getEmail()).isEqualTo("ada@example.com");
	}

	@Test
	void payWhenCheckoutSessionOpenThenSignedWebhooksInStripesOrderAndBackToSuccessUrl() throws Exception {
		String userId = UUID.randomUUID().toString();
		String customer = this.client.v1().customers().create(CustomerCreateParams.builder().build()).getId();
		Session session = this.client.v1().checkout().sessions().create(SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer(customer)
			.setClientReferenceId(userId)
			.addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_dev_pro").setQuantity(1L).build())
			.setSuccessUrl("http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}")
			.setCancelUrl("http://app.test/billing/cancel")
			.build());

		HttpResponse<String> page = this.browser.send(HttpRequest.newBuilder(URI.create(session.getUrl())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Pay (test)").contains("price_dev_pro")
			.contains("action=\"/checkout/" + session.getId() + "/pay\"");

		HttpResponse<String> paid = this.browser.send(HttpRequest.newBuilder(URI.create(this.stripe.url() + "/checkout/"
				+ session.getId() + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(paid.statusCode()).isEqualTo(303);
		assertThat(paid.headers().firstValue("Location"))
			.hasValue("http://app.test/billing/success?session_id=" + session.getId());
		assertThat(this.received).extracting(Event::getType)
			.containsExactly("checkout.session.completed", "customer.subscription.created", "invoice.paid");
		String json = this.received.get(0).getDataObjectDeserializer().getRawJson();
		assertThat(json).contains("\"client_reference_id\":\"" + userId + "\"").contains("\"customer\":\"" + customer);
		assertThat(this.received.get(1).getDataObjectDeserializer().getRawJson()).contains("\"price_dev_pro\"")
			.contains("\"status\":\"active\"");
		assertThat(this.received).extracting(Event::getId).doesNotHaveDuplicates();
	}

	@Test
	void payWhenGatewayRefusesWebhooksThenSaysSoInsteadOfReturning() throws Exception {
		this.stripe.deliverTo(URI.create("http://127.0.0.1:" + this.gateway.getAddress().getPort() + "/api/billing/webhooks"),
				"whsec_another_secret");
		Session session = this.client.v1().checkout().sessions().create(SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer("cus_x")
			.setSuccessUrl("http://app.test/billing/success")
			.build());

		HttpResponse<String> paid = this.browser.send(HttpRequest.newBuilder(URI.create(this.stripe.url() + "/checkout/"
				+ session.getId() + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(paid.statusCode()).isEqualTo(502);
		assertThat(paid.body()).contains("did not accept the webhooks").contains("400");
	}

	@Test
	void portalWhenSubscriptionPaidThenCancelSendsDeletedAndReturns() throws Exception {
		Session session = this.client.v1().checkout().sessions().create(SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer("cus_portal")
			.addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_dev_basic").setQuantity(1L).build())
			.setSuccessUrl("http://app.test/billing/success")
			.build());
		this.browser.send(HttpRequest.newBuilder(URI.create(this.stripe.url() + "/checkout/" + session.getId() + "/pay"))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
		var portal = this.client.v1().billingPortal().sessions().create(
				com.stripe.param.billingportal.SessionCreateParams.builder()
					.setCustomer("cus_portal")
					.setReturnUrl("http://app.test/billing")
					.build());

		HttpResponse<String> page = this.browser.send(HttpRequest.newBuilder(URI.create(portal.getUrl())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("price_dev_basic").contains("Cancel subscription (test)");
		HttpResponse<String> cancelled = this.browser.send(HttpRequest.newBuilder(URI.create(this.stripe.url()
				+ "/portal/" + portal.getId() + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(cancelled.statusCode()).isEqualTo(303);
		assertThat(cancelled.headers().firstValue("Location")).hasValue("http://app.test/billing");
		assertThat(this.received).extracting(Event::getType).last().isEqualTo("customer.subscription.deleted");
	}

	@Test
	void balanceWhenAskedByHealthCheckThenAnswers() throws StripeException {
		assertThat(this.client.v1().balance().retrieve().getLivemode()).isFalse();
	}

}
