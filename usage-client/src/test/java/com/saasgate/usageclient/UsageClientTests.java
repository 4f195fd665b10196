package com.saasgate.usageclient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;
import com.saasgate.usageclient.UsageClient.UsageEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link UsageClient} against a JDK HTTP server that answers from a script and records what it got. */
class UsageClientTests {

	private static final String SECRET = "usage-client-test-secret-0123456789abcdef";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ServiceTokens tokens = new ServiceTokens(SECRET, Clock.systemUTC());

	private final Deque<Answer> answers = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private UsageClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.client = UsageClient.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				this.tokens, "intelligence").backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void recordWhenAnsweredThenSendsTokenKeyAndBodyAndParsesTheResult() {
		UUID user = UUID.randomUUID();
		answer(201, "{\"recorded\":true,\"duplicate\":false,\"used\":5,\"limit\":10,\"remaining\":5,"
				+ "\"periodEnd\":\"2026-12-01T00:00:00Z\",\"extra\":1}");

		UsageClient.RecordResult result = this.client
			.record(new UsageEvent(user, "llm_tokens", 5, Map.of("model", "m"), "my-key"));

		assertThat(result.used()).isEqualTo(5);
		assertThat(result.periodEnd()).hasToString("2026-12-01T00:00:00Z");
		Received request = this.received.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/usage/record");
		assertThat(request.idempotencyKey()).isEqualTo("my-key");
		ServiceTokenClaims claims = this.tokens.verify(request.token(), "auth-billing");
		assertThat(claims.service()).isEqualTo("intelligence");
		assertThat(request.body().get("userId").asString()).isEqualTo(user.toString());
		assertThat(request.body().get("amount").asLong()).isEqualTo(5);
		assertThat(request.body().get("metadata").get("model").asString()).isEqualTo("m");
	}

	@Test
	void recordWhenServerFailsThenRetriesWithTheSameGeneratedKeyAndAFreshToken() {
		answer(503, "{}");
		answer(500, "{}");
		answer(200, "{\"recorded\":true,\"duplicate\":true,\"used\":5,\"limit\":10,\"remaining\":5,"
				+ "\"periodEnd\":\"2026-12-01T00:00:00Z\"}");

		UsageClient.RecordResult result = this.client
			.record(new UsageEvent(UUID.randomUUID(), "llm_tokens", 5, null, null));

		assertThat(result.duplicate()).isTrue();
		assertThat(this.received).hasSize(3);
		assertThat(this.received).extracting(Received::idempotencyKey).doesNotContainNull().containsOnly(
				this.received.get(0).idempotencyKey());
		assertThat(this.received).extracting(Received::token).doesNotHaveDuplicates();
	}

	@Test
	void callWhenEveryAttemptFailsThenGivesUpAfterMaxAttempts() {
		for (int i = 0; i < 5; i++) {
			answer(502, "{}");
		}

		assertThatThrownBy(() -> this.client.quota(UUID.randomUUID(), "llm_tokens"))
			.isInstanceOfSatisfying(UsageClientException.class, (ex) -> assertThat(ex.status()).isEqualTo(502));
		assertThat(this.received).hasSize(3);
	}

	@Test
	void callWhenNoServerThenConnectionFailuresAreRetriedAndReported() {
		this.server.stop(0);

		assertThatThrownBy(() -> this.client.release(UUID.randomUUID()))
			.isInstanceOfSatisfying(UsageClientException.class, (ex) -> {
				assertThat(ex.status()).isZero();
				assertThat(ex.getCause()).isInstanceOf(IOException.class);
			});
	}

	@Test
	void reserveWhenRefusedThenThrowsTheProblemCodeWithoutRetrying() {
		answer(409, "{\"type\":\"urn:saasgate:problem:quota_exceeded\",\"status\":409,\"code\":\"quota_exceeded\","
				+ "\"detail\":\"does not fit\"}");

		assertThatThrownBy(() -> this.client.reserve(UUID.randomUUID(), "llm_tokens", 10, Duration.ofSeconds(60), null))
			.isInstanceOfSatisfying(UsageClientException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.code()).isEqualTo("quota_exceeded");
				assertThat(ex.getMessage()).isEqualTo("does not fit");
			});
		assertThat(this.received).hasSize(1);
		assertThat(this.received.get(0).body().get("ttlSeconds").asLong()).isEqualTo(60);
		assertThat(this.received.get(0).idempotencyKey()).isNotBlank();
	}

	@Test
	void batchWhenRetriedThenEveryEventKeepsItsKey() {
		answer(503, "{}");
		answer(200, "{\"results\":[{\"recorded\":true,\"duplicate\":false,\"used\":1,\"limit\":9,\"remaining\":8,"
				+ "\"periodEnd\":\"2026-12-01T00:00:00Z\"},{\"recorded\":true,\"duplicate\":false,\"used\":2,"
				+ "\"limit\":9,\"remaining\":7,\"periodEnd\":\"2026-12-01T00:00:00Z\"}]}");
		UUID user = UUID.randomUUID();

		List<UsageClient.RecordResult> results = this.client.recordBatch(List.of(
				new UsageEvent(user, "llm_tokens", 1, null, "given"), new UsageEvent(user, "llm_tokens", 1, null, null)));

		assertThat(results).extracting(UsageClient.RecordResult::used).containsExactly(1L, 2L);
		JsonNode first = this.received.get(0).body().get("events");
		JsonNode second = this.received.get(1).body().get("events");
		assertThat(first.get(0).get("idempotencyKey").asString()).isEqualTo("given");
		assertThat(first.get(1).get("idempotencyKey").asString()).isNotBlank();
		assertThat(second).isEqualTo(first);
	}

	@Test
	void commitAndReleaseWhenCalledThenHitTheReservationsPaths() {
		UUID id = UUID.randomUUID();
		answer(200, "{\"recorded\":true,\"used\":3,\"limit\":9,\"remaining\":6,\"periodEnd\":\"2026-12-01T00:00:00Z\"}");
		answer(204, "");

		assertThat(this.client.commit(id, 3, null).used()).isEqualTo(3);
		this.client.release(id);

		assertThat(this.received).extracting(Received::path)
			.containsExactly("/usage/reservations/" + id + "/commit", "/usage/reservations/" + id + "/release");
		assertThat(this.received.get(0).body().get("amount").asLong()).isEqualTo(3);
	}

	@Test
	void builderWhenAttemptsOutOfRangeThenRefused() {
		assertThatThrownBy(() -> UsageClient.builder(URI.create("http://localhost"), this.tokens, "x").maxAttempts(0))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> UsageClient.builder(URI.create("http://localhost"), this.tokens, "x").maxAttempts(11))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private void answer(int status, String body) {
		this.answers.add(new Answer(status, body));
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String query = exchange.getRequestURI().getRawQuery();
		this.received.add(new Received(exchange.getRequestMethod(),
				exchange.getRequestURI().getPath() + ((query != null) ? "?" + query : ""),
				exchange.getRequestHeaders().getFirst("X-Service-Token"),
				exchange.getRequestHeaders().getFirst("Idempotency-Key"),
				(body.length > 0) ? json.readTree(body) : null));
		Answer answer;
		synchronized (this.answers) {
			answer = this.answers.isEmpty() ? new Answer(500, "{}") : this.answers.poll();
		}
		byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), (answer.status() == 204) ? -1 : out.length);
		if (answer.status() != 204) {
			exchange.getResponseBody().write(out);
		}
		exchange.close();
	}

	private record Answer(int status, String body) {
	}

	private record Received(String method, String path, String token, String idempotencyKey, JsonNode body) {
	}

}
