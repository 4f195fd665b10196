package com.saasgate.authbilling.security;

import java.util.List;

import com.saasgate.security.servicetoken.ServiceTokenClaims;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a verified service token; its principal is the calling service's name.
 * Which endpoints it may call is the allow-list's decision ({@link ServiceAllowList}).
 */
final class ServiceAuthentication extends AbstractAuthenticationToken {

	static final String AUTHORITY = "SERVICE";

	private final ServiceTokenClaims claims;

	ServiceAuthentication(ServiceTokenClaims claims) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.claims = claims;
		setAuthenticated(true);
	}

	String service() {
		return this.claims.service();
	}

	/** The user the service acts for ({@code sub}), or null. */
	String userId() {
		return this.claims.userId();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getPrincipal() {
		return this.claims.service();
	}

}
