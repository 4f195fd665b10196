package com.saasgate.gateway.tiercache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Subscribes to {@code user_tier_changed} with Lettuce pub/sub and applies each message to the
 * {@link TierCache}. Lettuce itself reconnects and subscribes again after a Redis outage; every
 * subscription it confirms, the first and each one after a reconnect, flushes the cache, because
 * messages published meanwhile were lost (Redis pub/sub keeps nothing). When Redis is not there at
 * start-up the first connection is retried in the background; the gateway serves meanwhile, with the
 * TTL as the only bound on a stale tier.
 */
@Component
class TierSubscription implements SmartLifecycle {

	static final String CHANNEL = "user_tier_changed";

	/** Published by auth-billing's ledger when a user's usage reaches a quota; relayed as {@link UserQuotaExhausted}. */
	static final String QUOTA_CHANNEL = "user_quota_exhausted";

	private static final Logger log = LoggerFactory.getLogger(TierSubscription.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration MAX_RETRY = Duration.ofSeconds(10);

	private final TierCache cache;

	private final ObjectMapper json;

	private final RedisURI uri;

	private volatile RedisClient client;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	private volatile ScheduledExecutorService connector;

	private volatile boolean running;

	private final ApplicationEventPublisher events;

	TierSubscription(TierCache cache, ObjectMapper json, TierCacheProperties properties,
			ApplicationEventPublisher events) {
		this.cache = cache;
		this.events = events;
		this.json = json;
		this.uri = RedisURI.create(properties.redisUrl());
	}

	@Override
	public void start() {
		this.client = RedisClient.create(this.uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.build());
		this.connector = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tier-subscription");
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		this.connector.execute(() -> connect(FIRST_RETRY));
	}

	private void connect(Duration nextRetry) {
		if (!this.running) {
			return;
		}
		try {
			StatefulRedisPubSubConnection<String, String> pubSub = this.client.connectPubSub();
			pubSub.addListener(new Listener());
			pubSub.sync().subscribe(CHANNEL, QUOTA_CHANNEL);
			this.connection = pubSub;
		}
		catch (RuntimeException ex) {
			log.warn("Cannot subscribe to {} yet ({}); tiers are bounded by the cache TTL until then", CHANNEL,
					ex.getMessage());
			Duration after = (nextRetry.compareTo(MAX_RETRY) < 0) ? nextRetry.multipliedBy(2) : MAX_RETRY;
			this.connector.schedule(() -> connect(after), nextRetry.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.connector != null) {
			this.connector.shutdownNow();
		}
		if (this.connection != null) {
			this.connection.close();
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before the web server and stops after it: the requests still being answered at SIGTERM
	 * get invalidations until the last one is done (the default phase stopped this first).
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
	}

	private final class Listener extends RedisPubSubAdapter<String, String> {

		@Override
		public void subscribed(String channel, long count) {
			if (CHANNEL.equals(channel)) {
				TierSubscription.this.cache.flush();
				log.info("Subscribed to {}; tier cache flushed", CHANNEL);
			}
			else if (QUOTA_CHANNEL.equals(channel)) {
				TierSubscription.this.events.publishEvent(new ChannelsSubscribed());
			}
		}

		@Override
		public void message(String channel, String message) {
			if (QUOTA_CHANNEL.equals(channel)) {
				quotaExhausted(message);
				return;
			}
			if (!CHANNEL.equals(channel)) {
				return;
			}
			TierChangedMessage change;
			try {
				change = TierSubscription.this.json.readValue(message, TierChangedMessage.class);
			}
			catch (RuntimeException ex) {
				log.warn("Ignored an unreadable {} message", CHANNEL);
				return;
			}
			if (change.userId() != null) {
				TierSubscription.this.cache.apply(change);
				TierSubscription.this.events.publishEvent(new UserTierChanged(change.userId(), change.version()));
			}
		}

		private void quotaExhausted(String message) {
			UserQuotaExhausted exhausted;
			try {
				exhausted = TierSubscription.this.json.readValue(message, UserQuotaExhausted.class);
			}
			catch (RuntimeException ex) {
				log.warn("Ignored an unreadable {} message", QUOTA_CHANNEL);
				return;
			}
			if (exhausted.userId() != null) {
				TierSubscription.this.events.publishEvent(exhausted);
			}
		}

	}

}
