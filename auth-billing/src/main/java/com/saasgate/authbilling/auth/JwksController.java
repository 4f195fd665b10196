package com.saasgate.authbilling.auth;

import java.time.Duration;

import com.saasgate.security.jwt.JwkText;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys of access tokens as a JWK Set: the signing key and, during a rotation, the other
 * published one. The gateway fetches it to verify access tokens (and republishes it at its own
 * {@code /.well-known/jwks.json}); nothing private or symmetric is in it.
 */
@RestController
class JwksController {

	/** How long a verifier may keep the set: a rotation publishes the next key at least this long before it signs. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final String jwks;

	JwksController(CheckedSecrets secrets) {
		// The keys change only with a restart, so the document is built once.
		this.jwks = JwkText.jwksJson(secrets.accessKeys().publicKeys());
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = { "application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.jwks);
	}

}
