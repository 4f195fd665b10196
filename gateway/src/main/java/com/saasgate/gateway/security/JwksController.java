package com.saasgate.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import com.saasgate.security.jwt.JwkText;
import io.jsonwebtoken.security.PublicJwk;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json} on the public port: the public keys a service needs to verify
 * what the suite signs, and nothing else. The access-token keys (auth-billing's signing key and, during
 * a rotation, the other published one), as the gateway last fetched them from auth-billing; then the
 * gateway's own service-token keys. No private member, no symmetric key: {@link PublicJwk}s only.
 * Upstreams point PyJWT's {@code PyJWKClient} or Spring's {@code NimbusJwtDecoder.withJwkSetUri} here.
 */
@RestController
class JwksController {

	/** As long as auth-billing's: a rotation publishes the next key at least this long before it signs. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final AccessTokenKeys accessTokenKeys;

	private final CheckedSecrets secrets;

	JwksController(AccessTokenKeys accessTokenKeys, CheckedSecrets secrets) {
		this.accessTokenKeys = accessTokenKeys;
		this.secrets = secrets;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = { "application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> jwks() {
		// Before the first token the gateway may not have fetched auth-billing's keys yet; and without
		// user traffic nothing else would notice that the keys held are older than auth-billing's max age.
		this.accessTokenKeys.refreshIfStale();
		Mono<Boolean> ready = this.accessTokenKeys.publicKeys().isEmpty() ? this.accessTokenKeys.refresh()
				: Mono.just(false);
		return ready.map((changed) -> {
			List<PublicJwk<?>> keys = new ArrayList<>(this.accessTokenKeys.publicKeys());
			keys.addAll(this.secrets.gatewayKeys().publicKeys());
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
				.contentType(MediaType.APPLICATION_JSON)
				.body(JwkText.jwksJson(keys));
		});
	}

}
