package com.saasgate.security.jwt;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

/**
 * An issuer's asymmetric key slot: the current private key, which signs and names itself in
 * {@code kid} (its RFC 7638 thumbprint unless the JWK gives one), and while a rotation lasts the
 * previous key, which is only published and verified. "Previous" is whichever other key is published
 * beside the signing one: the next key before the switch (rotation step 1), the old one after it (step
 * 2). Only the public halves leave this class.
 */
public final class SigningKeys implements PublicKeys {

	private final PrivateJwk<?, ?, ?> current;

	private final PublicKeySet published;

	/**
	 * @param currentKey the signing key: a private JWK or PKCS#8 PEM
	 * @param previousKey the other published key (public or private, JWK or PEM), or {@code null} or blank
	 * @throws IllegalArgumentException when a key cannot be read, is of another kind than P-256 or
	 * Ed25519, or the two are the same key
	 */
	public SigningKeys(String currentKey, String previousKey) {
		this(JwkText.parsePrivate(currentKey), (previousKey == null || previousKey.isBlank()) ? List.of()
				: JwkText.parsePublicKeys(previousKey));
	}

	/** @param others the other published keys, usually none or one */
	public SigningKeys(PrivateJwk<?, ?, ?> current, List<PublicJwk<?>> others) {
		this.current = JwkText.withKeyId(current);
		JwkText.algorithmOf(this.current);
		List<PublicJwk<?>> keys = new ArrayList<>();
		keys.add(this.current.toPublicJwk());
		for (PublicJwk<?> other : others) {
			if (other.toKey().equals(this.current.toPublicJwk().toKey())) {
				throw new IllegalArgumentException("the previous key must differ from the current one");
			}
			keys.add(other);
		}
		this.published = new PublicKeySet(keys);
	}

	/** A slot with a new key and no previous one: for tests and tools. */
	public static SigningKeys generate() {
		return new SigningKeys(JwkText.generate(), List.of());
	}

	/** The {@code kid} of the signing key. */
	public String currentKeyId() {
		return this.current.getId();
	}

	PrivateKey signingKey() {
		return (PrivateKey) this.current.toKey();
	}

	SecureDigestAlgorithm<PrivateKey, PublicKey> algorithm() {
		return JwkText.algorithmOf(this.current);
	}

	/** The private JWK, for tools that write it out; never published. */
	public PrivateJwk<?, ?, ?> privateJwk() {
		return this.current;
	}

	@Override
	public PublicJwk<?> keyFor(String keyId) {
		return this.published.keyFor(keyId);
	}

	@Override
	public List<PublicJwk<?>> publicKeys() {
		return this.published.publicKeys();
	}

	@Override
	public String toString() {
		return "SigningKeys[current=" + currentKeyId() + ", published=" + this.published + "]";
	}

}
