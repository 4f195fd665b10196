package com.saasgate.security.jwt;

/**
 * A token failed verification: bad signature, wrong algorithm or kind, wrong issuer or audience,
 * expired, or not a JWT at all. The message is for logs, never for clients.
 */
public class InvalidTokenException extends RuntimeException {

	public InvalidTokenException(String message) {
		super(message);
	}

	public InvalidTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
