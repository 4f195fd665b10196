package com.saasgate.security.jwt;

import java.util.List;

import io.jsonwebtoken.security.PublicJwk;

/**
 * The public keys a signed token may be verified under, by {@code kid}: an issuer's own keys
 * ({@link SigningKeys}), keys configured from the environment ({@link PublicKeySet}) or a JWKS fetched
 * from the issuer.
 */
public interface PublicKeys {

	/**
	 * @return the key whose {@code kid} this is
	 * @throws UnknownKeyException when there is no such key here
	 */
	PublicJwk<?> keyFor(String keyId);

	/** Every key, the signing one first: what a JWKS publishes. */
	List<PublicJwk<?>> publicKeys();

}
