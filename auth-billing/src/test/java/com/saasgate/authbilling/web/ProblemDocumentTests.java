package com.saasgate.authbilling.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised by Spring MVC or the container rather than a module (unknown paths, wrong methods,
 * unwanted media types) carry the same problem document as everything else, whatever the client
 * asked for in {@code Accept}.
 */
@IntegrationTest
class ProblemDocumentTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;


	@Test
	void getWhenUnknownPathThenNotFoundProblem() {
		Api.Response response = this.api.get("/nope");

		assertProblem(response, 404, "not_found");
		// Spring's own detail speaks of "static resources", which this API does not serve.
		assertThat(response.json().path("detail").asString()).doesNotContainIgnoringCase("static")
			.doesNotContain("nope");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "image/png", "text/html;q=0.9, */*;q=0.1" })
	void getWhenUnknownPathAndAcceptNotJsonThenStillProblem(String accept) {
		Api.Response response = this.api.get("/nope", "Accept", accept);

		assertProblem(response, 404, "not_found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/auth", "/auth/", "/auth/login/extra", "/nope/deeper/still", "/index.html",
			"/static/app.js", "/favicon.ico", "/.env" })
	void getWhenNoSuchResourceThenNotFoundProblem(String path) {
		assertProblem(this.api.get(path), 404, "not_found");
	}

	@Test
	void getWhenErrorPathRequestedDirectlyThenNotFoundProblem() {
		// /error is the container's forward target, not an endpoint: a client asking for it gets a 404, not a 500.
		assertProblem(this.api.get("/error"), 404, "not_found");
	}

	@Test
	void getWhenEndpointOnlyTakesPostThenMethodNotAllowedProblem() {
		Api.Response response = this.api.get("/auth/login");

		assertProblem(response, 405, "method_not_allowed");
		assertThat(response.header("Allow")).contains("POST");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE", "PATCH" })
	void requestWhenWrongMethodThenMethodNotAllowedProblem(String method) {
		Api.Response response = this.api.send(method, "/auth/register", "{}".getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");

		assertProblem(response, 405, "method_not_allowed");
	}

	@Test
	void getWhenMethodNotAllowedAndAcceptHtmlThenStillProblem() {
		assertProblem(this.api.get("/auth/login", "Accept", "text/html"), 405, "method_not_allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "text/plain" })
	void postWhenMalformedJsonAndAcceptNotJsonThenStillProblem(String accept) {
		Api.Response response = this.api.postRaw("/auth/login", "{".getBytes(StandardCharsets.UTF_8), "Accept", accept);

		assertProblem(response, 400, "invalid_request");
	}

	@Test
	void postWhenModuleErrorAndAcceptHtmlThenStillProblem() {
		Api.Response response = this.api.post("/auth/login",
				Api.body("email", "nobody@example.com", "password", "wrong password 123"), "Accept", "text/html");

		assertProblem(response, 401, "invalid_credentials");
	}

	@Test
	void postWhenPlainTextAndAcceptHtmlThenUnsupportedMediaTypeProblem() {
		Api.Response response = this.api.postRaw("/auth/login", "hello".getBytes(StandardCharsets.UTF_8),
				"Content-Type", "text/plain", "Accept", "text/html");

		assertProblem(response, 415, "unsupported_media_type");
	}

	@Test
	void postWhenBodyTooLargeAndAcceptHtmlThenStillProblem() {
		Api.Response response = this.api.postRaw("/auth/login", new byte[100 * 1024], "Accept", "text/html");

		assertProblem(response, 413, "payload_too_large");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/auth/login%00", "/%ZZ", "/auth/%2e%2e/%2e%2e/etc/passwd", "/auth/login;x=1/..;/",
			"/auth/..%2f..%2fetc%2fpasswd", "/auth/login%5c..%5c" })
	void requestWhenPathIsMalformedThenProblemNotContainerPage(String path) throws IOException {
		String raw = rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");

		assertRawProblem(raw);
	}

	@Test
	void requestWhenHeadersTooLargeThenProblemNotContainerPage() throws IOException {
		String raw = rawRequest("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024)
				+ "\r\nConnection: close\r\n\r\n");

		assertRawProblem(raw);
	}

	private static void assertRawProblem(String raw) {
		assertThat(raw).as(raw).startsWith("HTTP/1.1 4");
		String lower = raw.toLowerCase();
		assertThat(lower).as(raw)
			.contains("content-type: application/problem+json")
			.contains("x-request-id: ")
			.containsPattern("\"code\":\"[a-z_]+\"")
			.contains("\"type\":\"urn:saasgate:problem:")
			.doesNotContain("<html")
			.doesNotContain("tomcat")
			.doesNotContain("exception");
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
	}

	static void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
		assertThat(response.code()).as(response.toString()).isEqualTo(code);
		assertThat(response.json().path("type").asString()).isEqualTo("urn:saasgate:problem:" + code);
		assertThat(response.json().path("title").asString()).isNotBlank();
		assertThat(response.json().path("detail").asString()).isNotBlank();
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Exception")
			.doesNotContain("springframework")
			.doesNotContain("<html");
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

}
