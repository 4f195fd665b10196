package com.saasgate.authbilling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: raw bytes out, status, headers and JSON back, no exceptions on 4xx. */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public Api(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static Api local(int port) {
		return new Api("http://localhost:" + port);
	}

	public Response post(String path, Object body, String... headers) {
		return postRaw(path, json.writeValueAsBytes(body), headers);
	}

	public Response postRaw(String path, byte[] body, String... headers) {
		HttpRequest.Builder request = request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (!hasHeader(headers, "Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		return send(request.build());
	}

	public Response get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	public Response send(String method, String path, byte[] body, String... headers) {
		return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
	}

	public static String[] bearer(String accessToken) {
		return new String[] { "Authorization", "Bearer " + accessToken };
	}

	public static Map<String, Object> body(Object... keysAndValues) {
		java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(20));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	private static boolean hasHeader(String[] headers, String name) {
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i].equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response; {@link #json()} parses the body. */
	public record Response(int status, Map<String, java.util.List<String>> headers, byte[] body) {

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/** The problem document's {@code code}, or null. */
		public String code() {
			JsonNode code = json().get("code");
			return (code != null) ? code.asString() : null;
		}

		@Override
		public String toString() {
			return "Response[" + this.status + " " + new String(this.body, java.nio.charset.StandardCharsets.UTF_8) + "]";
		}

	}

}
