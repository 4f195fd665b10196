package com.saasgate.security.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jsonwebtoken.security.PublicJwk;

/** A fixed set of public keys by {@code kid}, as configured or as one fetch of a JWKS gave them. */
public final class PublicKeySet implements PublicKeys {

	private final Map<String, PublicJwk<?>> byId;

	private final List<PublicJwk<?>> order;

	/** @param keys each with a {@code kid} of its own (its thumbprint when it came without one) */
	public PublicKeySet(List<? extends PublicJwk<?>> keys) {
		Map<String, PublicJwk<?>> map = new LinkedHashMap<>();
		for (PublicJwk<?> key : keys) {
			PublicJwk<?> named = JwkText.withKeyId(Objects.requireNonNull(key, "key must not be null"));
			if (map.putIfAbsent(named.getId(), named) != null) {
				throw new IllegalArgumentException("two keys have the kid " + named.getId());
			}
		}
		this.byId = Map.copyOf(map);
		this.order = List.copyOf(map.values());
	}

	/** The keys of a JWK, a JWK Set or PEM text ({@link JwkText#parsePublicKeys}). */
	public static PublicKeySet parse(String text) {
		return new PublicKeySet(JwkText.parsePublicKeys(text));
	}

	@Override
	public PublicJwk<?> keyFor(String keyId) {
		PublicJwk<?> key = (keyId != null) ? this.byId.get(keyId) : null;
		if (key == null) {
			throw new UnknownKeyException(keyId);
		}
		return key;
	}

	@Override
	public List<PublicJwk<?>> publicKeys() {
		return this.order;
	}

	@Override
	public String toString() {
		return "PublicKeySet" + this.byId.keySet();
	}

}
