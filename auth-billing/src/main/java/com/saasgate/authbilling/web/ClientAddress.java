package com.saasgate.authbilling.web;

import com.saasgate.security.Headers;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The address of the client a request is for, used to count failed logins per client. Behind the
 * gateway every request comes from the gateway's address, so the address the gateway resolved
 * ({@link Headers#CLIENT_ADDRESS}) is used, but only when the request carries a valid gateway service
 * token: anyone else could write that header. {@code X-Forwarded-For} is never read.
 */
@Component
public class ClientAddress {

	private static final String AUDIENCE = "auth-billing";

	private final ServiceTokens serviceTokens;

	ClientAddress(ServiceTokens serviceTokens) {
		this.serviceTokens = serviceTokens;
	}

	public String of(HttpServletRequest request) {
		String resolved = request.getHeader(Headers.CLIENT_ADDRESS);
		if (resolved != null && !resolved.isBlank() && resolved.length() <= 64 && fromGateway(request)) {
			return resolved.strip();
		}
		return request.getRemoteAddr();
	}

	private boolean fromGateway(HttpServletRequest request) {
		String token = request.getHeader(Headers.SERVICE_TOKEN);
		if (token == null) {
			return false;
		}
		try {
			ServiceTokenClaims claims = this.serviceTokens.verify(token, AUDIENCE);
			return "gateway".equals(claims.service());
		}
		catch (InvalidTokenException ex) {
			return false;
		}
	}

}
