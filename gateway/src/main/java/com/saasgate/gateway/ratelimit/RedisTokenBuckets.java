package com.saasgate.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import reactor.core.publisher.Mono;

/**
 * The shared token bucket in Redis, one hash per user ({@code gateway:rate:<userId>}), taken from by
 * one Lua script so that every gateway replica sees the same bucket and parallel requests cannot both
 * take the last token. The shape is Spring Cloud Gateway's {@code request_rate_limiter.lua} (capacity,
 * refill over time, Redis's own {@code TIME} as the clock so replicas' clocks do not matter), with
 * millisecond refill so that per-minute limits refill evenly rather than in whole seconds.
 *
 * <p>Its own Lettuce client: commands are rejected at once while disconnected (no queue of waiting
 * requests), every command times out after {@code GATEWAY_RATE_LIMIT_REDIS_TIMEOUT}, and reconnects are
 * tried every second, no per-command latency recording. Failures are the caller's to handle
 * ({@link TierRateLimiter}).
 */
final class RedisTokenBuckets implements AutoCloseable {

	static final Duration WINDOW = Duration.ofMinutes(1);

	static final String KEY_PREFIX = "gateway:rate:";

	// KEYS[1] bucket; ARGV[1] capacity, ARGV[2] window in ms. Answers "allowed remaining retryAfterMs".
	static final String SCRIPT = """
			local capacity = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local rate = capacity / window
			local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
			local tokens = tonumber(state[1])
			local at = tonumber(state[2])
			if tokens == nil or at == nil then
			  tokens = capacity
			  at = now
			end
			tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
			local allowed = 0
			local retry = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			  allowed = 1
			else
			  retry = math.ceil((1 - tokens) / rate)
			end
			redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
			redis.call('PEXPIRE', KEYS[1], window * 2)
			return allowed .. ' ' .. math.floor(tokens) .. ' ' .. retry
			""";

	private static final String SHA = sha1(SCRIPT);

	private final RedisClient client;

	private final ClientResources resources;

	private final RedisURI uri;

	private final AtomicBoolean connecting = new AtomicBoolean();

	private volatile StatefulRedisConnection<String, String> connection;

	RedisTokenBuckets(String redisUrl, Duration timeout) {
		this.uri = RedisURI.create(redisUrl);
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.constant(Duration.ofSeconds(1)))
			// Lettuce records every command's latency when LatencyUtils is on the classpath (it is, for
			// Micrometer): a cost per request that nobody reads here.
			.commandLatencyRecorder(CommandLatencyRecorder.disabled())
			.build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.requestQueueSize(10_000)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
			.build());
		connect();
	}

	/** Takes a token from the user's shared bucket; fails when Redis cannot answer. */
	Mono<Decision> take(String key, int capacity) {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			connect();
			return Mono.error(new IllegalStateException("not connected to Redis yet"));
		}
		String[] keys = { KEY_PREFIX + key };
		String capacityArg = Integer.toString(capacity);
		String windowArg = Long.toString(WINDOW.toMillis());
		// The async API, not the reactive one: Lettuce's reactive publisher cost more CPU per request and a
		// longer p99 under load. Two gateways side by side on one Redis measure it again:
		// scripts/bench/gateway-bench --baseline none --routes full --ref reactive:50c319d --ref async:4df74df
		// (docs/benchmarks.md, "Two gateways side by side").
		RedisAsyncCommands<String, String> commands = current.async();
		CompletionStage<String> answer = commands
			.<String>evalsha(SHA, ScriptOutputType.VALUE, keys, capacityArg, windowArg)
			.exceptionallyCompose((ex) -> (unwrap(ex) instanceof RedisNoScriptException)
					? commands.<String>eval(SCRIPT, ScriptOutputType.VALUE, keys, capacityArg, windowArg)
					: CompletableFuture.failedStage(unwrap(ex)));
		return Mono.fromCompletionStage(answer).map((value) -> parse(value, capacity));
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private void connect() {
		if (this.connection != null || !this.connecting.compareAndSet(false, true)) {
			return;
		}
		this.client.connectAsync(StringCodec.UTF8, this.uri).whenComplete((connection, failure) -> {
			if (connection != null) {
				this.connection = connection;
			}
			this.connecting.set(false);
		});
	}

	private static Decision parse(String answer, int capacity) {
		String[] parts = answer.split(" ");
		boolean allowed = "1".equals(parts[0]);
		return new Decision(allowed, capacity, Long.parseLong(parts[1]), allowed ? 0 : Long.parseLong(parts[2]));
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
	}

	private static String sha1(String script) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
