package com.saasgate.authbilling.security;

import java.util.List;
import java.util.UUID;

import com.saasgate.authbilling.auth.AuthenticatedUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A request authenticated by a verified access token; its principal is the {@link AuthenticatedUser}. */
final class UserAuthentication extends AbstractAuthenticationToken {

	static final String AUTHORITY = "USER";

	private final AuthenticatedUser user;

	UserAuthentication(AuthenticatedUser user) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.user = user;
		setAuthenticated(true);
	}

	/** Only ever called with a {@link Jwt} from {@link AccessTokenDecoder}, whose claims are verified. */
	static UserAuthentication of(Jwt jwt) {
		return new UserAuthentication(new AuthenticatedUser(UUID.fromString(jwt.getSubject()),
				jwt.getClaimAsString("email"), jwt.getClaimAsString("role")));
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public AuthenticatedUser getPrincipal() {
		return this.user;
	}

}
