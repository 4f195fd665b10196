package com.saasgate.security.servicetoken;

import java.security.Key;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.InvalidTokenException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.LocatorAdapter;

/**
 * The keys of service tokens (API contract section 6): the shared key ({@code SERVICE_JWT_SECRET})
 * and, per service, its own key ({@code SERVICE_JWT_SECRET_<NAME>}). A service with its own key signs
 * with it and names it in {@code kid}; a token whose {@code iss} names such a service is valid only
 * when signed with that key, so holding the shared key is not enough to be that service.
 *
 * <p>Key ids: {@value #SHARED_KEY_ID} for the shared key (also assumed when a token has no {@code kid},
 * as services without their own key may send), {@code service:<name>} for a service's own key. The
 * colon cannot occur in a service name, so the two never collide.
 */
public final class ServiceKeys {

	/** The {@code kid} of the shared key. */
	public static final String SHARED_KEY_ID = "shared";

	private static final String OWN_KEY_PREFIX = "service:";

	/** Lower-case words joined by single hyphens, as {@code SERVICE_JWT_SECRET_<NAME>} maps to. */
	private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final SecretKey shared;

	private final Map<String, SecretKey> own;

	/**
	 * @param sharedSecret the shared key's secret, at least 32 bytes
	 * @param ownSecrets each service's own secret by service name; each at least 32 bytes, different
	 * from the shared one and from each other (else one holder could sign as another)
	 */
	public ServiceKeys(String sharedSecret, Map<String, String> ownSecrets) {
		this.shared = HmacJwt.hmacKey(sharedSecret);
		Map<String, SecretKey> keys = new TreeMap<>();
		ownSecrets.forEach((service, secret) -> {
			if (service == null || !SERVICE_NAME.matcher(service).matches()) {
				throw new IllegalArgumentException("service name must be lower-case words joined by '-': " + service);
			}
			SecretKey key = HmacJwt.hmacKey(secret);
			if (sameKey(key, this.shared) || keys.values().stream().anyMatch((other) -> sameKey(key, other))) {
				throw new IllegalArgumentException("the own key of " + service + " is not its own: another key has the same secret");
			}
			keys.put(service, key);
		});
		this.own = Collections.unmodifiableMap(keys);
	}

	/** Only the shared key. */
	public static ServiceKeys shared(String sharedSecret) {
		return new ServiceKeys(sharedSecret, Map.of());
	}

	/** The services that have their own key, sorted. */
	public Set<String> servicesWithOwnKey() {
		return this.own.keySet();
	}

	public boolean hasOwnKey(String service) {
		return this.own.containsKey(service);
	}

	/** The {@code kid} a token issued by the service carries. */
	String keyIdFor(String service) {
		return hasOwnKey(service) ? OWN_KEY_PREFIX + service : SHARED_KEY_ID;
	}

	/** The key a token issued by the service is signed with: its own, else the shared one. */
	SecretKey signingKeyFor(String service) {
		return this.own.getOrDefault(service, this.shared);
	}

	/** The key a {@code kid} names; no {@code kid} names the shared key. */
	SecretKey keyFor(String keyId) {
		if (keyId == null || SHARED_KEY_ID.equals(keyId)) {
			return this.shared;
		}
		SecretKey key = keyId.startsWith(OWN_KEY_PREFIX) ? this.own.get(keyId.substring(OWN_KEY_PREFIX.length()))
				: null;
		if (key == null) {
			throw new InvalidTokenException("service token names an unknown key");
		}
		return key;
	}

	/**
	 * Checked after the signature verified under {@link #keyFor(String) the key its kid names}: the key
	 * must be the issuer's own when it has one, and an own key may only sign for its own service.
	 * @return whether the token was signed with the issuer's own key
	 * @throws InvalidTokenException when the key does not belong to the issuer
	 */
	boolean requireKeyOf(String service, String keyId) {
		boolean sharedKey = keyId == null || SHARED_KEY_ID.equals(keyId);
		if (sharedKey && hasOwnKey(service)) {
			throw new InvalidTokenException("service token of " + service + " is not signed with its own key");
		}
		if (!sharedKey && !keyId.equals(OWN_KEY_PREFIX + service)) {
			throw new InvalidTokenException("service token is signed with the key of another service");
		}
		return !sharedKey;
	}

	/** The jjwt key locator over these keys, by {@code kid}. */
	LocatorAdapter<Key> locator() {
		return new LocatorAdapter<>() {
			@Override
			protected Key locate(JwsHeader header) {
				return keyFor(header.getKeyId());
			}
		};
	}

	private static boolean sameKey(SecretKey a, SecretKey b) {
		return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
	}

	@Override
	public String toString() {
		return "ServiceKeys[own=" + this.own.keySet() + "]";
	}

}
