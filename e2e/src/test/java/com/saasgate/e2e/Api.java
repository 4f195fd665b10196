package com.saasgate.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.saasgate.devsupport.CapturedMail;
import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.MailCatcher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public API of the running suite, through the gateway, plus the flows most tests start with. */
final class Api {

	private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final DevSuite suite;

	private final String clientAddress;

	/** The gateway this client talks to: the suite's, or another replica's ({@link #via}). */
	private final String gatewayUrl;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** A client of its own: a fresh address, as the suite's load balancer would report it. */
	Api(DevSuite suite) {
		this(suite, randomClientAddress());
	}

	private Api(DevSuite suite, String clientAddress) {
		this(suite, clientAddress, suite.gatewayUrl());
	}

	private Api(DevSuite suite, String clientAddress, String gatewayUrl) {
		this.suite = suite;
		this.clientAddress = clientAddress;
		this.gatewayUrl = gatewayUrl;
	}

	/** The same client through another gateway replica of the suite (ClusterSuite's second gateway). */
	Api via(String gatewayUrl) {
		return new Api(this.suite, this.clientAddress, gatewayUrl);
	}

	String gatewayUrl() {
		return this.gatewayUrl;
	}

	/**
	 * The same suite from another client. The tests play the load balancer in front of the gateway
	 * (the suite trusts loopback as a proxy), so each {@code Api} sends its client's address in
	 * {@code X-Forwarded-For}, as a load balancer appends it.
	 */
	Api asClient(String address) {
		return new Api(this.suite, address, this.gatewayUrl);
	}

	/** Another client with a fresh address. */
	Api newClient() {
		return asClient(randomClientAddress());
	}

	String clientAddress() {
		return this.clientAddress;
	}

	/** An attacker reaching the gateway directly, from an address that is not a trusted proxy. */
	DirectClient direct() {
		return new DirectClient(this.suite, this.gatewayUrl);
	}

	/**
	 * A documentation address ({@code 2001:db8::/32}, RFC 3849) nobody else in the run has: in a
	 * {@code /64} of its own (32 random bits of it), since auth-billing counts an IPv6 client by its /64.
	 */
	static String randomClientAddress() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(random.nextInt(0x10000))
				+ "::" + Integer.toHexString(random.nextInt(1, 0x10000));
	}

	/** A random address in a random {@code /64} of its own, and {@code count} more addresses of that /64. */
	static List<String> addressesOfOneSlash64(int count) {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		String prefix = "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(random.nextInt(0x10000)) + ":";
		return java.util.stream.IntStream.rangeClosed(1, count)
			.mapToObj((host) -> prefix + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(host) + "::"
					+ Integer.toHexString(random.nextInt(1, 0x10000)))
			.toList();
	}

	DevSuite suite() {
		return this.suite;
	}

	MailCatcher mails() {
		return this.suite.mailCatcher().orElseThrow(() -> new IllegalStateException("SMTP_HOST is external"));
	}

	/** GET on the gateway; {@code headers} are name, value pairs. */
	Response get(String path, String... headers) {
		return send("GET", this.gatewayUrl + path, null, headers);
	}

	/** POST of {@code body} as JSON (a String is sent as it is) to the gateway. */
	Response post(String path, Object body, String... headers) {
		String raw = (body instanceof String text) ? text : JSON.writeValueAsString(body);
		return send("POST", this.gatewayUrl + path, raw, headers);
	}

	/** Any method to any absolute URL. */
	Response send(String method, String url, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (url.startsWith(this.gatewayUrl) && !hasHeader(headers, "X-Forwarded-For")) {
			request.header("X-Forwarded-For", this.clientAddress);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			ApiDescriptions.check(this.suite, method, url, response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(null), response.body());
			return new Response(response.statusCode(), response.headers(), response.body(), parse(response.body()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + url + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Response register(Account account) {
		return post("/api/auth/register", Map.of("email", account.email(), "password", account.password(), "name", "E2E"));
	}

	Response login(Account account) {
		return post("/api/auth/login", Map.of("email", account.email(), "password", account.password()));
	}

	Response refresh(String refreshToken) {
		return post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
	}

	Response me(TokenPair tokens, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Authorization";
		all[1] = tokens.bearer();
		System.arraycopy(headers, 0, all, 2, headers.length);
		return get("/api/auth/me", all);
	}

	/** The token of the latest mailed link to {@code path} ({@code verify-email}, {@code reset-password}). */
	String awaitMailedToken(String email, String path) {
		return await("a mail to " + email + " with a " + path + " link").atMost(MAIL_WAIT)
			.until(() -> mails().messagesTo(email).stream()
				.map((mail) -> mail.tokenFor(path))
				.flatMap(Optional::stream)
				.reduce((first, second) -> second), Optional::isPresent)
			.orElseThrow();
	}

	CapturedMail awaitMail(String email) {
		return await("a mail to " + email).atMost(MAIL_WAIT)
			.until(() -> mails().lastMessageTo(email), Optional::isPresent)
			.orElseThrow();
	}

	/** Registers {@code account}, follows the mailed verification link and answers the first token pair. */
	TokenPair verifiedUser(Account account) {
		Response registered = register(account);
		assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
		Response verified = post("/api/auth/verify-email", Map.of("token", awaitMailedToken(account.email(), "verify-email")));
		assertThat(verified.status()).as("verify-email: %s", verified).isEqualTo(200);
		return TokenPair.from(verified);
	}

	/** Logs {@code account} in, expecting success. */
	TokenPair session(Account account) {
		Response login = login(account);
		assertThat(login.status()).as("login: %s", login).isEqualTo(200);
		return TokenPair.from(login);
	}

	private static boolean hasHeader(String[] headers, String name) {
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i].equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private static tools.jackson.databind.JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

}
