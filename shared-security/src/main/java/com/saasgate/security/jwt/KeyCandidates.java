package com.saasgate.security.jwt;

import java.util.List;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwsHeader;

/**
 * The keys a signed token may be verified under, chosen from its header: one when its {@code kid}
 * names a key, the current then the previous key of a slot when it names only the slot (or nothing).
 * {@link HmacJwt} tries them in order and accepts the first whose signature matches.
 */
@FunctionalInterface
public interface KeyCandidates {

	/**
	 * @return one or two keys, the likelier first
	 * @throws InvalidTokenException when the header names a key there is none of
	 */
	List<SecretKey> keysFor(JwsHeader header);

}
