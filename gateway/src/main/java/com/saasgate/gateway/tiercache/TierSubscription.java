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

import com.saasgate.security.contract.Channel;
import com.saasgate.security.contract.MalformedMessageException;
import com.saasgate.security.contract.QuotaExhaustedMessage;
import com.saasgate.security.contract.TierChangedMessage;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Subscribes to {@code user_tier_changed} with Lettuce pub/sub and applies each message to the
 * {@link TierCache}; {@code user_quota_exhausted} messages are published as application events. Both
 * are read with the wire contract's {@link Channel}; an unreadable message is logged and ignored. Lettuce itself reconnects and subscribes again after a Redis outage; every
 * subscription it confirms, the first and each one after a reconnect, flushes the cache, because
 * messages published meanwhile were lost (Redis pub/sub keeps nothing). When Redis is not there at
 * start-up the first connection is retried in the background; the gateway serves meanwhile, with the
 * TTL as the only bound on a stale tier.
 */
@Component
class TierSubscription implements SmartLifecycle {

	private static final Channel<TierChangedMessage> TIERS = Channel.USER_TIER_CHANGED;

	/** Published by auth-billing's ledger when a user's usage reaches a quota; relayed as the event it is. */
	private static final Channel<QuotaExhaustedMessage> QUOTAS = Channel.USER_QUOTA_EXHAUSTED;

	private static final Logger log = LoggerFactory.getLogger(TierSubscription.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration MAX_RETRY = Duration.ofSeconds(10);

	private final TierCache cache;

	private final RedisURI uri;

	private volatile RedisClient client;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	private volatile ScheduledExecutorService connector;

	private volatile boolean running;

	private final ApplicationEventPublisher events;

	TierSubscription(TierCache cache, TierCacheProperties properties, ApplicationEventPublisher events) {
		this.cache = cache;
		this.events = events;
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
			pubSub.sync().subscribe(TIERS.name(), QUOTAS.name());
			this.connection = pubSub;
		}
		catch (RuntimeException ex) {
			log.warn("Cannot subscribe to {} yet ({}); tiers are bounded by the cache TTL until then", TIERS,
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
			if (TIERS.name().equals(channel)) {
				TierSubscription.this.cache.flush();
				log.info("Subscribed to {}; tier cache flushed", TIERS);
			}
			else if (QUOTAS.name().equals(channel)) {
				TierSubscription.this.events.publishEvent(new ChannelsSubscribed());
			}
		}

		@Override
		public void message(String channel, String message) {
			try {
				if (QUOTAS.name().equals(channel)) {
					TierSubscription.this.events.publishEvent(QUOTAS.read(message));
				}
				else if (TIERS.name().equals(channel)) {
					TierChangedMessage change = TIERS.read(message);
					TierSubscription.this.cache.apply(change);
					TierSubscription.this.events.publishEvent(new UserTierChanged(change.userId(), change.version()));
				}
			}
			catch (MalformedMessageException ex) {
				log.warn("Ignored an unreadable {} message", channel);
			}
		}

	}

}
