package com.saasgate.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
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
 * token locally with auth-billing's public keys ({@link AccessTokenKeys}: a call to auth-billing only
 * when a token names a key not yet fetched) and forwards {@code X-User-Id} from its {@code sub}. The
 * {@code Authorization} header itself goes on unchanged, because auth-billing verifies it again.
 */
@Component
public final class RequireUser implements GatewayFilter {

	private static final String BEARER = "bearer ";

	private final AccessTokens accessTokens;

	private final AccessTokenKeys keys;

	private final VerifiedAccessTokens verified;

	RequireUser(AccessTokens accessTokens, AccessTokenKeys keys, VerifiedAccessTokens verified) {
		this.accessTokens = accessTokens;
		this.keys = keys;
		this.verified = verified;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String token;
		try {
			token = bearerToken(exchange.getRequest().getHeaders());
		}
		catch (InvalidTokenException ex) {
			return Mono.error(GatewayProblemException.invalidToken());
		}
		catch (GatewayProblemException ex) {
			return Mono.error(ex);
		}
		this.keys.refreshIfStale();
		return verify(token).flatMap((user) -> chain.filter(
				RequestHeaders.edit(exchange, (headers) -> headers.set(Headers.USER_ID, user.userId().toString()))));
	}

	/**
	 * Verifies with the keys held; when the token names a key not held, fetches auth-billing's JWKS
	 * (rate-limited) and tries once more. Whatever fails, the answer is 401: never an unverified user.
	 */
	private Mono<AccessTokenClaims> verify(String token) {
		return this.verified
			.get(token, (unverified) -> Mono.fromCallable(() -> this.accessTokens.verify(unverified))
				.onErrorResume(AccessTokenKeys::unknownKey,
						(ex) -> this.keys.refresh().then(Mono.fromCallable(() -> this.accessTokens.verify(unverified)))))
			.onErrorMap(InvalidTokenException.class, (ex) -> GatewayProblemException.invalidToken());
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
