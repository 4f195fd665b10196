package com.saasgate.security.servicetoken;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.KeyCandidates;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.PublicKeys;
import io.jsonwebtoken.security.PublicJwk;

/**
 * The keys of service tokens (API contract section 6): the shared key ({@code SERVICE_JWT_SECRET})
 * and, per service, its own key ({@code SERVICE_JWT_SECRET_<NAME>}). A service with its own key signs
 * with it and names it in {@code kid}; a token whose {@code iss} names such a service is valid only
 * when signed with that key, so holding the shared key is not enough to be that service.
 *
 * <p>Key ids: {@value #SHARED_KEY_ID} for the shared key (also assumed when a token has no {@code kid},
 * as services without their own key may send), {@code service:<name>} for a service's own key. The
 * colon cannot occur in a service name, so the two never collide.
 *
 * <p>Rotation: each of these keys may have a previous key ({@code SERVICE_JWT_SECRET_PREVIOUS},
 * {@code SERVICE_JWT_SECRET_<NAME>_PREVIOUS}) that still verifies while a rotation lasts. The {@code kid}
 * names the slot, not the key within it, because verifiers that predate rotation (and services that
 * mint their own tokens) know only these ids: a token is checked under its slot's current key, then
 * its previous one. So a service's previous key is still only that service's key.
 *
 * <p>Public keys: a service may instead sign with its own private key and register the public half
 * ({@code SERVICE_PUBLIC_KEY_<NAME>}; the gateway does, with {@code GATEWAY_SIGNING_KEY}). Its tokens
 * name the key by thumbprint in {@code kid}; a token whose {@code iss} names such a service is accepted
 * only under that public key (never under the shared key, nor an HMAC key of its own), and a public key
 * verifies only tokens of its own service.
 */
public final class ServiceKeys {

	/** The {@code kid} of the shared key. */
	public static final String SHARED_KEY_ID = "shared";

	private static final String OWN_KEY_PREFIX = "service:";

	/** Lower-case words joined by single hyphens, as {@code SERVICE_JWT_SECRET_<NAME>} maps to. */
	private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final HmacKeys shared;

	private final Map<String, HmacKeys> own;

	/** Each registered public key's service, by {@code kid}. */
	private final Map<String, String> publicKeyOwners;

	private final PublicKeySet publicKeys;

	/**
	 * @param sharedSecret the shared key's secret, at least 32 bytes
	 * @param ownSecrets each service's own secret by service name; each at least 32 bytes, different
	 * from the shared one and from each other (else one holder could sign as another)
	 */
	public ServiceKeys(String sharedSecret, Map<String, String> ownSecrets) {
		this(HmacKeys.of(sharedSecret), withoutPrevious(ownSecrets));
	}

	/**
	 * @param shared the shared key and its previous one, if any
	 * @param own each service's own keys by service name; every key, current or previous, different
	 * from every other (else one holder could sign as another)
	 */
	public ServiceKeys(HmacKeys shared, Map<String, HmacKeys> own) {
		this(shared, own, Map.of());
	}

	/**
	 * @param publicKeys each service's registered public keys (one, or two during a rotation), by service
	 * name; no key registered for two services
	 */
	public ServiceKeys(HmacKeys shared, Map<String, HmacKeys> own, Map<String, List<PublicJwk<?>>> publicKeys) {
		this.shared = Objects.requireNonNull(shared, "shared must not be null");
		Map<String, String> owners = new TreeMap<>();
		List<PublicJwk<?>> all = new ArrayList<>();
		publicKeys.forEach((service, keys) -> {
			requireServiceName(service);
			for (PublicJwk<?> key : keys) {
				all.add(key);
				owners.put(key.getId(), service);
			}
		});
		// Refuses two registrations of one key (the same kid), so a key has one owner.
		this.publicKeys = new PublicKeySet(all);
		this.publicKeyOwners = Collections.unmodifiableMap(owners);
		List<SecretKey> seen = new ArrayList<>(shared.keys());
		Map<String, HmacKeys> keys = new TreeMap<>();
		own.forEach((service, slot) -> {
			requireServiceName(service);
			for (SecretKey key : slot.keys()) {
				if (seen.stream().anyMatch((other) -> HmacKeys.sameKey(key, other))) {
					throw new IllegalArgumentException("the own key of " + service + " is not its own: another key has the same secret");
				}
				seen.add(key);
			}
			keys.put(service, slot);
		});
		this.own = Collections.unmodifiableMap(keys);
	}

	private static void requireServiceName(String service) {
		if (service == null || !SERVICE_NAME.matcher(service).matches()) {
			throw new IllegalArgumentException("service name must be lower-case words joined by '-': " + service);
		}
	}

	private static Map<String, HmacKeys> withoutPrevious(Map<String, String> secrets) {
		// Not sorted: the constructor reports a null service name rather than a TreeMap failing on it.
		Map<String, HmacKeys> keys = new LinkedHashMap<>();
		secrets.forEach((service, secret) -> keys.put(service, HmacKeys.of(secret)));
		return keys;
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

	/** The services that registered a public key, sorted. */
	public Set<String> servicesWithPublicKey() {
		return new TreeSet<>(this.publicKeyOwners.values());
	}

	/** Every registered public key, for {@link com.saasgate.security.jwt.SignedJwt}. */
	PublicKeys publicKeys() {
		return this.publicKeys;
	}

	/** The service whose public key has this {@code kid}; {@code null} for none (or no kid). */
	String ownerOfPublicKey(String keyId) {
		return (keyId != null) ? this.publicKeyOwners.get(keyId) : null;
	}

	/** The {@code kid} a token issued by the service carries. */
	String keyIdFor(String service) {
		return hasOwnKey(service) ? OWN_KEY_PREFIX + service : SHARED_KEY_ID;
	}

	/** The key a token issued by the service is signed with: its own, else the shared one (the current key). */
	SecretKey signingKeyFor(String service) {
		return this.own.getOrDefault(service, this.shared).current();
	}

	/** The keys of the slot a {@code kid} names, current first; no {@code kid} names the shared slot. */
	List<SecretKey> keysFor(String keyId) {
		if (keyId == null || SHARED_KEY_ID.equals(keyId)) {
			return this.shared.keys();
		}
		HmacKeys slot = keyId.startsWith(OWN_KEY_PREFIX) ? this.own.get(keyId.substring(OWN_KEY_PREFIX.length()))
				: null;
		if (slot == null) {
			throw new InvalidTokenException("service token names an unknown key");
		}
		return slot.keys();
	}

	/**
	 * Checked after the signature verified under {@link #keyFor(String) the key its kid names}: the key
	 * must be the issuer's own when it has one, and an own key may only sign for its own service.
	 * @return whether the token was signed with the issuer's own key
	 * @throws InvalidTokenException when the key does not belong to the issuer
	 */
	boolean requireKeyOf(String service, String keyId) {
		if (this.publicKeyOwners.containsValue(service)) {
			// Its public key is what makes its tokens unforgeable: an HMAC key of its own (say a
			// SERVICE_JWT_SECRET_GATEWAY left from before) is a secret others may hold, and verifies nothing.
			throw new InvalidTokenException("service token of " + service + " is not signed with its registered public key");
		}
		boolean sharedKey = keyId == null || SHARED_KEY_ID.equals(keyId);
		if (sharedKey && hasOwnKey(service)) {
			throw new InvalidTokenException("service token of " + service + " is not signed with its own key");
		}
		if (!sharedKey && !keyId.equals(OWN_KEY_PREFIX + service)) {
			throw new InvalidTokenException("service token is signed with the key of another service");
		}
		return !sharedKey;
	}

	/** The candidate keys of a token's header, by {@code kid}, for {@link HmacJwt}. */
	KeyCandidates candidates() {
		return (header) -> keysFor(header.getKeyId());
	}

	@Override
	public String toString() {
		return "ServiceKeys[own=" + this.own.keySet() + ", public=" + this.publicKeyOwners + "]";
	}

}
