package com.saasgate.authbilling.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/** An {@code Authorization} header of another scheme (Basic, ...) on a user call. */
final class NotBearerException extends OAuth2AuthenticationException {

	NotBearerException() {
		super(BearerTokenErrors.invalidToken("Authorization is not a Bearer token"));
	}

}
