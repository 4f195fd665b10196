package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few auth calls the benchmark makes, through the gateway ({@code /api/auth/...}) or straight to
 * auth-billing ({@code /auth/...}), with just enough JSON handling.
 */
final class AuthClient {

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Through the gateway at {@code gatewayUrl}. */
	AuthClient(String gatewayUrl) {
		this(gatewayUrl, "/api");
	}

	private AuthClient(String baseUrl, String prefix) {
		this.baseUrl = baseUrl + prefix;
	}

	/** Straight to auth-billing at {@code authBillingUrl}, without the gateway's {@code /api} prefix. */
	static AuthClient direct(String authBillingUrl) {
		return new AuthClient(authBillingUrl, "");
	}

	/** An answer: its status and body. */
	record Answer(int status, String body) {

		boolean ok() {
			return this.status / 100 == 2;
		}

		/** A top-level string field of a JSON body (the token pair's fields are plain strings). */
		String field(String name) {
			Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(this.body);
			return matcher.find() ? matcher.group(1) : null;
		}

		@Override
		public String toString() {
			return this.status + " " + (this.body.length() > 300 ? this.body.substring(0, 300) + "..." : this.body);
		}

	}

	Answer register(String email, String password) {
		return post("/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Bench\"}");
	}

	Answer verify(String token) {
		return post("/auth/verify-email", "{\"token\":\"" + token + "\"}");
	}

	Answer login(String email, String password) {
		return post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
	}

	Answer refresh(String refreshToken) {
		return post("/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

	private Answer post(String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted");
		}
	}

}
