package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.PublicKeys;
import com.saasgate.security.jwt.UnknownKeyException;
import io.jsonwebtoken.security.PublicJwk;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * auth-billing's access-token public keys, fetched from its JWKS ({@code AUTH_BILLING_JWKS_URL},
 * default {@code AUTH_BILLING_URL/.well-known/jwks.json}) and held in memory: a handful of keys, so
 * the bound is the issuer's. Fetched on the first token, again when a token names a {@code kid} not
 * held (a rotation published a key since: at most once per {@code minRefresh}, so a stream of tokens
 * with made-up kids cannot turn the gateway into a load generator against auth-billing), and in the
 * background once the set is older than {@code maxAge} (so a retired key stops verifying). A failed
 * fetch keeps the keys held; a token whose key is not held is refused, never let through.
 */
public final class AccessTokenKeys implements PublicKeys {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenKeys.class);

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final WebClient client;

	private final String url;

	private final Duration minRefresh;

	private final Duration maxAge;

	private final Clock clock;

	private final AtomicReference<Held> held;

	/** When the last fetch started; guarded by {@code this}. */
	private Instant triedAt = Instant.MIN;

	/** The fetch in flight, shared by every request that waits for it; guarded by {@code this}. */
	private Mono<Boolean> inFlight;

	AccessTokenKeys(String url, Duration minRefresh, Duration maxAge, Clock clock) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) FETCH_TIMEOUT.toMillis())
			.responseTimeout(FETCH_TIMEOUT);
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
		this.url = url;
		this.minRefresh = minRefresh;
		this.maxAge = maxAge;
		this.clock = clock;
		this.held = new AtomicReference<>(new Held(new PublicKeySet(List.of()), Instant.MIN));
	}

	@Override
	public PublicJwk<?> keyFor(String keyId) {
		return this.held.get().keys().keyFor(keyId);
	}

	@Override
	public List<PublicJwk<?>> publicKeys() {
		return this.held.get().keys().publicKeys();
	}

	/** Starts a background fetch when the keys held are older than the JWKS's max age. */
	void refreshIfStale() {
		if (this.held.get().fetchedAt().plus(this.maxAge).isBefore(this.clock.instant())) {
			refresh().subscribe();
		}
	}

	/**
	 * Fetches the JWKS again unless a fetch started within {@code minRefresh}; joins the fetch in
	 * flight if there is one.
	 * @return whether the keys held changed; never an error (a failed fetch is logged, the keys kept)
	 */
	synchronized Mono<Boolean> refresh() {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		Instant now = this.clock.instant();
		if (this.triedAt.plus(this.minRefresh).isAfter(now)) {
			return Mono.just(false);
		}
		this.triedAt = now;
		this.inFlight = this.client.get()
			.uri(this.url)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(FETCH_TIMEOUT)
			.map(PublicKeySet::parse)
			.map(this::hold)
			.onErrorResume((ex) -> {
				log.warn("Could not fetch the access-token keys from {}: {}", this.url, ex.toString());
				return Mono.just(false);
			})
			// Done before the result is emitted, so that whoever sees it may start the next fetch.
			.doOnNext((changed) -> finished())
			.cache();
		Mono<Boolean> fetch = this.inFlight;
		// Started now, whoever waits: a fetch nobody subscribed to would hold inFlight for ever.
		fetch.subscribe();
		return fetch;
	}

	private boolean hold(PublicKeySet keys) {
		Held before = this.held.getAndSet(new Held(keys, this.clock.instant()));
		if (before.keys().publicKeys().equals(keys.publicKeys())) {
			return false;
		}
		log.info("Access-token keys from {}: {}", this.url, keys);
		return true;
	}

	private synchronized void finished() {
		this.inFlight = null;
	}

	/** Whether {@code ex} calls for a fetch: the token named a key not held. */
	static boolean unknownKey(Throwable ex) {
		return ex instanceof UnknownKeyException;
	}

	private record Held(PublicKeySet keys, Instant fetchedAt) {
	}

	@Override
	public String toString() {
		return "AccessTokenKeys[" + this.url + ", " + this.held.get().keys() + "]";
	}

}
