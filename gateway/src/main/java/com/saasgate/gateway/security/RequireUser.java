package com.saasgate.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;
import com.saasgate.security.Headers;
import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.InvalidTokenException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The route filter for endpoints that need a user: verifies the {@code Authorization: Bearer} access
 * token locally (no call to auth-billing) and forwards {@code X-User-Id} from its {@code sub}. The
 * {@code Authorization} header itself goes on unchanged, because auth-billing verifies it again.
 */
@Component
public final class RequireUser implements GatewayFilter {

	private static final String BEARER = "bearer ";

	private final AccessTokens accessTokens;

	RequireUser(AccessTokens accessTokens) {
		this.accessTokens = accessTokens;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		AccessTokenClaims user;
		try {
			user = this.accessTokens.verify(bearerToken(exchange.getRequest().getHeaders()));
		}
		catch (InvalidTokenException ex) {
			return Mono.error(GatewayProblemException.invalidToken());
		}
		catch (GatewayProblemException ex) {
			return Mono.error(ex);
		}
		String userId = user.userId().toString();
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(headers -> headers.set(Headers.USER_ID, userId)))
			.build());
	}

	private static String bearerToken(HttpHeaders headers) {
		List<String> values = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (values.isEmpty()) {
			throw GatewayProblemException.authenticationRequired();
		}
		String value = values.get(0).strip();
		// The scheme is case-insensitive (RFC 9110 section 11.1); another scheme means no bearer token,
		// a bare "Bearer" a malformed one.
		String lower = value.toLowerCase(Locale.ROOT);
		if (!lower.startsWith(BEARER) && !lower.equals(BEARER.strip())) {
			throw GatewayProblemException.authenticationRequired();
		}
		if (values.size() > 1) {
			// Two credentials: which one an upstream would read is anyone's guess.
			throw new InvalidTokenException("more than one Authorization header");
		}
		return value.substring(BEARER.strip().length()).strip();
	}

}
