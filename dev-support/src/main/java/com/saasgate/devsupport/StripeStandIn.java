package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A dev stand-in for Stripe, so that a checkout works offline ({@code scripts/dev}, the browser tests):
 * it answers the calls auth-billing makes through stripe-java ({@code POST /v1/customers},
 * {@code /v1/checkout/sessions}, {@code /v1/billing_portal/sessions}, and {@code GET /v1/balance} for the
 * health check) in Stripe's shapes, and serves the session URLs it hands out as pages of its own. The
 * checkout page's "Pay (test)" sends what Stripe would send on payment, signed with the webhook secret
 * as Stripe signs ({@code checkout.session.completed}, {@code customer.subscription.created},
 * {@code invoice.paid}), to the gateway's {@code /api/billing/webhooks}, then returns the browser to
 * the success URL; the portal page can cancel the subscription ({@code customer.subscription.deleted}).
 * Listens on loopback only; state lives in memory for the run.
 */
public final class StripeStandIn implements AutoCloseable {

	private static final long PERIOD_SECONDS = 30L * 86_400;

	private final HttpServer server;

	private final ExecutorService executor;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicLong sequence = new AtomicLong();

	/** Customer ids by the idempotency key of their creation, so that a replayed creation makes none. */
	private final Map<String, String> customersByKey = new ConcurrentHashMap<>();

	private final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();

	private final Map<String, Portal> portals = new ConcurrentHashMap<>();

	/** The live subscription of each customer that paid here. */
	private final Map<String, Paid> subscriptions = new ConcurrentHashMap<>();

	private volatile URI webhookUrl;

	private volatile String webhookSecret;

	private StripeStandIn(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Starts on 127.0.0.1:{@code port} (0: a free port). */
	public static StripeStandIn start(int port) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new DevSuiteException("The Stripe stand-in could not listen on 127.0.0.1:" + port + ": " + ex.getMessage(),
					ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "dev-stripe");
			thread.setDaemon(true);
			return thread;
		});
		StripeStandIn stripe = new StripeStandIn(server, executor);
		server.createContext("/", stripe::handle);
		server.setExecutor(executor);
		server.start();
		return stripe;
	}

	/** Where "Pay (test)" sends the webhooks ({@code <gateway>/api/billing/webhooks}) and the secret to sign with. */
	public void deliverTo(URI webhookUrl, String webhookSecret) {
		this.webhookUrl = webhookUrl;
		this.webhookSecret = webhookSecret;
	}

	/** {@code STRIPE_API_BASE} for the services, e.g. {@code http://127.0.0.1:41234}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String[] parts = path.substring(1).split("/");
			if ("POST".equals(method) && "/v1/customers".equals(path)) {
				createCustomer(exchange);
			}
			else if ("POST".equals(method) && "/v1/checkout/sessions".equals(path)) {
				createCheckout(exchange);
			}
			else if ("POST".equals(method) && "/v1/billing_portal/sessions".equals(path)) {
				createPortal(exchange);
			}
			else if ("GET".equals(method) && "/v1/balance".equals(path)) {
				json(exchange, 200, """
						{"object": "balance", "available": [{"amount": 0, "currency": "usd"}],
						 "pending": [{"amount": 0, "currency": "usd"}], "livemode": false}""");
			}
			else if (parts.length == 2 && "checkout".equals(parts[0]) && "GET".equals(method)) {
				checkoutPage(exchange, parts[1]);
			}
			else if (parts.length == 3 && "checkout".equals(parts[0]) && "pay".equals(parts[2]) && "POST".equals(method)) {
				pay(exchange, parts[1]);
			}
			else if (parts.length == 2 && "portal".equals(parts[0]) && "GET".equals(method)) {
				portalPage(exchange, parts[1]);
			}
			else if (parts.length == 3 && "portal".equals(parts[0]) && "cancel".equals(parts[2]) && "POST".equals(method)) {
				cancel(exchange, parts[1]);
			}
			else if (path.startsWith("/v1/")) {
				json(exchange, 404, """
						{"error": {"type": "invalid_request_error", "message": "The dev Stripe stand-in does not answer %s %s"}}"""
					.formatted(method, path.replace("\"", "")));
			}
			else {
				html(exchange, 404, page("Not found", "<p>Nothing here. Sessions live at /checkout/{id} and /portal/{id}.</p>"));
			}
		}
	}

	private void createCustomer(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(exchange);
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		String id = (key != null) ? this.customersByKey.computeIfAbsent(key, (k) -> newId("cus")) : newId("cus");
		json(exchange, 200, """
				{"id": "%s", "object": "customer", "email": "%s", "created": %d, "livemode": false,
				 "metadata": {"userId": "%s"}, "delinquent": false, "balance": 0}"""
			.formatted(id, jsonText(form.get("email")), now(), jsonText(form.get("metadata[userId]"))));
	}

	private void createCheckout(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(exchange);
		String id = newId("cs_test");
		Checkout checkout = new Checkout(id, form.get("customer"), form.get("client_reference_id"),
				form.get("line_items[0][price]"), form.get("success_url"), form.get("cancel_url"));
		this.checkouts.put(id, checkout);
		json(exchange, 200, """
				{"id": "%1$s", "object": "checkout.session", "mode": "subscription", "status": "open",
				 "payment_status": "unpaid", "customer": "%2$s", "client_reference_id": "%3$s", "created": %4$d,
				 "expires_at": %5$d, "livemode": false, "metadata": {}, "subscription": null,
				 "success_url": "%6$s", "cancel_url": "%7$s", "url": "%8$s/checkout/%1$s"}"""
			.formatted(id, jsonText(checkout.customer()), jsonText(checkout.userId()), now(), now() + 86_400,
					jsonText(checkout.successUrl()), jsonText(checkout.cancelUrl()), url()));
	}

	private void createPortal(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(exchange);
		String id = newId("bps");
		this.portals.put(id, new Portal(id, form.get("customer"), form.get("return_url")));
		json(exchange, 200, """
				{"id": "%1$s", "object": "billing_portal.session", "configuration": "bpc_dev", "created": %2$d,
				 "customer": "%3$s", "livemode": false, "locale": null, "on_behalf_of": null,
				 "return_url": "%4$s", "url": "%5$s/portal/%1$s"}"""
			.formatted(id, now(), jsonText(form.get("customer")), jsonText(form.get("return_url")), url()));
	}

	private void checkoutPage(HttpExchange exchange, String id) throws IOException {
		Checkout checkout = this.checkouts.get(id);
		if (checkout == null) {
			html(exchange, 404, page("Unknown checkout", "<p>No checkout session " + MailboxPage.escape(id) + ".</p>"));
			return;
		}
		html(exchange, 200, page("Checkout (test)", """
				<p>Subscribe to price <strong>%s</strong> as customer <code>%s</code>.</p>
				<p>This is the dev Stripe stand-in: no card is needed and nothing is charged. Paying sends
				Stripe's webhooks to the gateway, signed, as Stripe would.</p>
				<form method="post" action="/checkout/%s/pay"><button type="submit">Pay (test)</button></form>
				<p><a href="%s">Cancel and return</a></p>""".formatted(MailboxPage.escape(checkout.priceId()),
				MailboxPage.escape(checkout.customer()), MailboxPage.escape(id), MailboxPage.escape(checkout.cancelUrl()))));
	}

	private void pay(HttpExchange exchange, String id) throws IOException {
		Checkout checkout = this.checkouts.get(id);
		if (checkout == null) {
			html(exchange, 404, page("Unknown checkout", "<p>No checkout session " + MailboxPage.escape(id) + ".</p>"));
			return;
		}
		long now = now();
		Paid paid = new Paid(newId("sub"), checkout.customer(), checkout.userId(), checkout.priceId(), now);
		this.subscriptions.put(checkout.customer(), paid);
		List<String> failures = deliver(List.of(
				event("checkout.session.completed", now, """
						{"id": "%s", "object": "checkout.session", "mode": "subscription", "status": "complete",
						 "payment_status": "paid", "client_reference_id": "%s", "customer": "%s", "subscription": "%s",
						 "metadata": {}}""".formatted(id, jsonText(paid.userId()), jsonText(paid.customer()), paid.id())),
				event("customer.subscription.created", now, subscription(paid, "active", now)),
				event("invoice.paid", now, invoice(paid))));
		if (!failures.isEmpty()) {
			html(exchange, 502, page("Payment not delivered", "<p>The gateway did not accept the webhooks:</p><ul><li>"
					+ String.join("</li><li>", failures.stream().map(MailboxPage::escape).toList()) + "</li></ul>"));
			return;
		}
		redirect(exchange, checkout.successUrl().replace("{CHECKOUT_SESSION_ID}", id));
	}

	private void portalPage(HttpExchange exchange, String id) throws IOException {
		Portal portal = this.portals.get(id);
		if (portal == null) {
			html(exchange, 404, page("Unknown portal session", "<p>No portal session " + MailboxPage.escape(id) + ".</p>"));
			return;
		}
		Paid paid = this.subscriptions.get(portal.customer());
		String subscription = (paid == null) ? "<p>No subscription paid through this stand-in in this run.</p>"
				: """
						<p>Subscription <code>%s</code> to price <strong>%s</strong>, active.</p>
						<form method="post" action="/portal/%s/cancel"><button type="submit">Cancel subscription (test)</button></form>"""
					.formatted(MailboxPage.escape(paid.id()), MailboxPage.escape(paid.priceId()), MailboxPage.escape(id));
		html(exchange, 200, page("Billing portal (test)", "<p>Customer <code>" + MailboxPage.escape(portal.customer())
				+ "</code></p>" + subscription + "<p><a href=\"" + MailboxPage.escape(portal.returnUrl())
				+ "\">Return to the app</a></p>"));
	}

	private void cancel(HttpExchange exchange, String id) throws IOException {
		Portal portal = this.portals.get(id);
		Paid paid = (portal != null) ? this.subscriptions.remove(portal.customer()) : null;
		if (paid == null) {
			html(exchange, 404, page("Nothing to cancel", "<p>No subscription to cancel.</p>"));
			return;
		}
		long now = now();
		List<String> failures = deliver(
				List.of(event("customer.subscription.deleted", now, subscription(paid, "canceled", now))));
		if (!failures.isEmpty()) {
			html(exchange, 502, page("Cancellation not delivered", "<p>" + MailboxPage.escape(failures.get(0)) + "</p>"));
			return;
		}
		redirect(exchange, portal.returnUrl());
	}

	private static String subscription(Paid paid, String status, long now) {
		return """
				{"id": "%s", "object": "subscription", "customer": "%s", "status": "%s", "created": %d,
				 "cancel_at_period_end": false, "canceled_at": %s, "metadata": {"userId": "%s"},
				 "items": {"object": "list", "data": [{"id": "si_%s", "object": "subscription_item",
				   "price": {"id": "%s", "object": "price"}, "current_period_start": %d, "current_period_end": %d}]}}"""
			.formatted(paid.id(), jsonText(paid.customer()), status, paid.created(),
					"canceled".equals(status) ? Long.toString(now) : "null", jsonText(paid.userId()), paid.id(),
					jsonText(paid.priceId()), paid.created(), paid.created() + PERIOD_SECONDS);
	}

	private String invoice(Paid paid) {
		return """
				{"id": "%s", "object": "invoice", "customer": "%s", "subscription": "%s", "status": "paid",
				 "amount_due": 0, "amount_paid": 0, "currency": "usd", "hosted_invoice_url": null,
				 "parent": {"type": "subscription_details", "subscription_details": {"subscription": "%s"}},
				 "lines": {"object": "list", "data": [{"id": "il_%s", "object": "line_item",
				   "pricing": {"type": "price_details", "price_details": {"price": "%s"}},
				   "period": {"start": %d, "end": %d}}]}}"""
			.formatted(newId("in"), jsonText(paid.customer()), paid.id(), paid.id(), paid.id(), jsonText(paid.priceId()),
					paid.created(), paid.created() + PERIOD_SECONDS);
	}

	private String event(String type, long created, String object) {
		return """
				{"id": "%s", "object": "event", "api_version": "2025-11-17.clover", "created": %d, "livemode": false,
				 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
				 "data": {"object": %s}}""".formatted(newId("evt"), created, type, object);
	}

	/** Sends each payload in order, signed as Stripe signs; returns what failed. */
	private List<String> deliver(List<String> payloads) {
		List<String> failures = new ArrayList<>();
		if (this.webhookUrl == null) {
			return List.of("no webhook endpoint configured");
		}
		for (String payload : payloads) {
			try {
				HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(this.webhookUrl)
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json; charset=utf-8")
					.header("Stripe-Signature", sign(this.webhookSecret, payload, now()))
					.POST(HttpRequest.BodyPublishers.ofString(payload))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() != 200) {
					failures.add(answer.statusCode() + " " + answer.body());
				}
			}
			catch (IOException ex) {
				failures.add(ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failures.add("interrupted");
				break;
			}
		}
		return failures;
	}

	/** {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">}, with stripe-java's own HMAC. */
	static String sign(String secret, String payload, long timestamp) {
		try {
			return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String newId(String prefix) {
		return prefix + "_dev" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + this.sequence.incrementAndGet();
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	private static Map<String, String> form(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			form.put(name, (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	private static String jsonText(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static String page(String title, String body) {
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
				<title>%1$s · Stripe stand-in</title><style>
				body{font-family:system-ui,sans-serif;margin:3em auto;max-width:34em;color:#1a1a1a;padding:0 1em}
				.badge{background:#fff3cd;color:#5c4400;padding:.2em .5em;border-radius:.3em;font-size:.9em}
				button{font-size:1.1em;padding:.6em 1.4em;background:#4b3fd6;color:#fff;border:0;border-radius:.4em;cursor:pointer}
				button:focus-visible,a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
				a{color:#3a2fb8}</style></head><body>
				<p class="badge">Test mode: the saasgate dev Stripe stand-in</p>
				<h1>%1$s</h1>
				%2$s
				</body></html>
				""".formatted(title, body);
	}

	private static void json(HttpExchange exchange, int status, String body) throws IOException {
		exchange.getResponseHeaders().set("Request-Id", "req_dev");
		send(exchange, status, "application/json", body);
	}

	private static void html(HttpExchange exchange, int status, String body) throws IOException {
		exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
		send(exchange, status, "text/html; charset=utf-8", body);
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(303, -1);
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private record Checkout(String id, String customer, String userId, String priceId, String successUrl,
			String cancelUrl) {
	}

	private record Portal(String id, String customer, String returnUrl) {
	}

	private record Paid(String id, String customer, String userId, String priceId, long created) {
	}

}
