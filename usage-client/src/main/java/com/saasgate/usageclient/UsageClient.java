package com.saasgate.usageclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.saasgate.security.Headers;
import com.saasgate.security.contract.ServiceNames;
import com.saasgate.security.servicetoken.ServiceTokens;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage ledger of auth-billing for internal callers (API contract section 4), over
 * {@link HttpClient}. Every attempt carries a fresh service token of {@code service} for
 * {@code auth-billing}. A connection failure, a timeout, a 5xx or a 429 is retried up to
 * {@code maxAttempts} in all, after exponential back-off; a retry resends the same
 * {@code Idempotency-Key} (the caller's, or one generated once per call), so the ledger counts it once.
 * Commit, release and quota are safe to retry as they are. Any other 4xx is thrown at once as a
 * {@link UsageClientException} with the contract's code.
 *
 * <pre>{@code
 * UsageClient usage = UsageClient.builder(URI.create("http://auth-billing:3001"), tokens, "intelligence").build();
 * Reservation hold = usage.reserve(userId, "llm_tokens", 4000, null, null);
 * // ... call the model ...
 * usage.commit(hold.reservationId(), tokensUsed, Map.of("model", "gpt-x"));
 * }</pre>
 */
public final class UsageClient {

	private static final Duration TOKEN_TTL = Duration.ofMinutes(1);

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final URI baseUrl;

	private final ServiceTokens tokens;

	private final String service;

	private final HttpClient http;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Duration timeout;

	private UsageClient(Builder builder) {
		this.baseUrl = builder.baseUrl;
		this.tokens = builder.tokens;
		this.service = builder.service;
		this.http = (builder.http != null) ? builder.http
				: HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.timeout = builder.timeout;
	}

	/**
	 * @param baseUrl auth-billing, e.g. {@code http://auth-billing:3001}
	 * @param tokens the service tokens of this service (its own key, or the shared one)
	 * @param service this service's name, the tokens' {@code iss}
	 */
	public static Builder builder(URI baseUrl, ServiceTokens tokens, String service) {
		return new Builder(baseUrl, tokens, service);
	}

	/** Records one event; {@code event.idempotencyKey()} null gets a generated key for this call's retries. */
	public RecordResult record(UsageEvent event) {
		String key = (event.idempotencyKey() != null) ? event.idempotencyKey() : newKey();
		return json.treeToValue(send("POST", "/usage/record", body(event, false), key), RecordResult.class);
	}

	/** Records up to the ledger's batch size in one call, all or nothing; results in the events' order. */
	public List<RecordResult> recordBatch(List<UsageEvent> events) {
		List<Map<String, Object>> bodies = new ArrayList<>(events.size());
		for (UsageEvent event : events) {
			Map<String, Object> body = body(event, true);
			body.putIfAbsent("idempotencyKey", newKey());
			bodies.add(body);
		}
		JsonNode answer = send("POST", "/usage/record/batch", Map.of("events", bodies), null);
		List<RecordResult> results = new ArrayList<>();
		answer.get("results").forEach((result) -> results.add(json.treeToValue(result, RecordResult.class)));
		return results;
	}

	public Quota quota(UUID userId, String resourceType) {
		String path = "/usage/quota?userId=" + userId + "&resourceType="
				+ java.net.URLEncoder.encode(resourceType, java.nio.charset.StandardCharsets.UTF_8);
		return json.treeToValue(send("GET", path, null, null), Quota.class);
	}

	/**
	 * Holds {@code amount} against the quota.
	 * @param ttl null for the ledger's default (300 s); at most 3600 s
	 * @param idempotencyKey null to generate one for this call's retries
	 * @throws UsageClientException with code {@code quota_exceeded} when the hold does not fit
	 */
	public Reservation reserve(UUID userId, String resourceType, long amount, Duration ttl, String idempotencyKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", userId.toString());
		body.put("resourceType", resourceType);
		body.put("amount", amount);
		if (ttl != null) {
			body.put("ttlSeconds", ttl.toSeconds());
		}
		String key = (idempotencyKey != null) ? idempotencyKey : newKey();
		return json.treeToValue(send("POST", "/usage/reserve", body, key), Reservation.class);
	}

	/** Records the actual amount (0 allowed) and ends the hold; a repeated commit answers the first. */
	public CommitResult commit(UUID reservationId, long amount, Map<String, ?> metadata) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", amount);
		if (metadata != null) {
			body.put("metadata", metadata);
		}
		return json.treeToValue(send("POST", "/usage/reservations/" + reservationId + "/commit", body, null),
				CommitResult.class);
	}

	/** Drops the hold; also fine when it has already ended. */
	public void release(UUID reservationId) {
		send("POST", "/usage/reservations/" + reservationId + "/release", Map.of(), null);
	}

	private static Map<String, Object> body(UsageEvent event, boolean withKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", event.userId().toString());
		body.put("resourceType", event.resourceType());
		body.put("amount", event.amount());
		if (event.metadata() != null) {
			body.put("metadata", event.metadata());
		}
		if (withKey && event.idempotencyKey() != null) {
			body.put("idempotencyKey", event.idempotencyKey());
		}
		return body;
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

	/** One logical call: the same body and key on every attempt, a new token each time. */
	private JsonNode send(String method, String path, Object body, String idempotencyKey) {
		byte[] bytes = (body != null) ? json.writeValueAsBytes(body) : null;
		int lastStatus = 0;
		Exception lastFailure = null;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			if (attempt > 1) {
				pause(attempt);
			}
			try {
				HttpResponse<byte[]> response = this.http.send(request(method, path, bytes, idempotencyKey),
						HttpResponse.BodyHandlers.ofByteArray());
				lastStatus = response.statusCode();
				if (lastStatus < 300) {
					return (response.body().length > 0) ? json.readTree(response.body()) : json.createObjectNode();
				}
				if (lastStatus != 429 && lastStatus < 500) {
					throw refusal(response);
				}
				lastFailure = null;
			}
			catch (IOException ex) {
				lastStatus = 0;
				lastFailure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UsageClientException(0, null, "interrupted", ex);
			}
		}
		throw new UsageClientException(lastStatus, null,
				method + " " + path + " failed after " + this.maxAttempts + " attempts", lastFailure);
	}

	private HttpRequest request(String method, String path, byte[] body, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(this.timeout)
			.header(Headers.SERVICE_TOKEN, this.tokens.issue(this.service, ServiceNames.AUTH_BILLING, null, TOKEN_TTL))
			.header("Accept", "application/json");
		if (idempotencyKey != null) {
			request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
		}
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return request.build();
	}

	private static UsageClientException refusal(HttpResponse<byte[]> response) {
		String code = null;
		String detail = "HTTP " + response.statusCode();
		try {
			JsonNode problem = json.readTree(response.body());
			code = problem.path("code").isString() ? problem.path("code").asString() : null;
			detail = problem.path("detail").isString() ? problem.path("detail").asString() : detail;
		}
		catch (RuntimeException ex) {
			// not a problem document: the status says enough
		}
		return new UsageClientException(response.statusCode(), code, detail, null);
	}

	/** Exponential back-off from {@code initialBackoff}, capped at {@code maxBackoff}, with jitter. */
	private void pause(int attempt) {
		long base = this.initialBackoff.toMillis() << Math.min(attempt - 2, 20);
		long capped = Math.min(base, this.maxBackoff.toMillis());
		long jittered = capped / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		try {
			Thread.sleep(jittered);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UsageClientException(0, null, "interrupted", ex);
		}
	}

	/** One usage event; {@code metadata} and {@code idempotencyKey} may be null. */
	public record UsageEvent(UUID userId, String resourceType, long amount, Map<String, ?> metadata,
			String idempotencyKey) {

		public UsageEvent {
			Objects.requireNonNull(userId, "userId must not be null");
			Objects.requireNonNull(resourceType, "resourceType must not be null");
		}

	}

	/** The ledger's answer to a record; {@code duplicate} when the key had been recorded before. */
	public record RecordResult(boolean recorded, boolean duplicate, long used, long limit, long remaining,
			Instant periodEnd) {
	}

	/** What is left; {@code allowed} is {@code remaining > 0}. */
	public record Quota(boolean allowed, long used, long limit, long remaining, Instant periodEnd) {
	}

	/** A hold against the quota until {@code expiresAt}. */
	public record Reservation(UUID reservationId, long amount, Instant expiresAt, long remaining) {
	}

	/** The answer of a commit. */
	public record CommitResult(boolean recorded, long used, long limit, long remaining, Instant periodEnd) {
	}

	/** Settings of a {@link UsageClient}. */
	public static final class Builder {

		private final URI baseUrl;

		private final ServiceTokens tokens;

		private final String service;

		private HttpClient http;

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofMillis(100);

		private Duration maxBackoff = Duration.ofSeconds(2);

		private Duration timeout = Duration.ofSeconds(10);

		private Builder(URI baseUrl, ServiceTokens tokens, String service) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl must not be null");
			this.tokens = Objects.requireNonNull(tokens, "tokens must not be null");
			this.service = Objects.requireNonNull(service, "service must not be null");
		}

		/** The HTTP client; default one with a 2 s connect timeout. */
		public Builder httpClient(HttpClient http) {
			this.http = http;
			return this;
		}

		/** Attempts per call, the first included, 1 to 10; default 3. */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1 || maxAttempts > 10) {
				throw new IllegalArgumentException("maxAttempts must be 1 to 10");
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** The pause before the first retry, doubled for each next one up to {@code max}; default 100 ms, 2 s. */
		public Builder backoff(Duration initial, Duration max) {
			if (initial.isNegative() || max.compareTo(initial) < 0) {
				throw new IllegalArgumentException("backoff must be 0 or more, and max at least initial");
			}
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		/** The timeout of one attempt; default 10 s. */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
			return this;
		}

		public UsageClient build() {
			return new UsageClient(this);
		}

	}

}
