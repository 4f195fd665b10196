package com.saasgate.authbilling.auth;

import java.util.List;
import java.util.Map;

import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.InvalidTokenException;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves {@link AuthenticatedUser} parameters from the access token. The service verifies the token
 * itself rather than trusting the gateway's {@code X-User-Id}, so its port is safe to reach directly.
 */
@Configuration(proxyBeanMethods = false)
class BearerTokenResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	private static final Map<String, String> CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

	private final AccessTokens accessTokens;

	BearerTokenResolver(AccessTokens accessTokens) {
		this.accessTokens = accessTokens;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AuthenticatedUser.class;
	}

	@Override
	public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "authentication_required",
					"This call needs an access token.", CHALLENGE);
		}
		if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", "Use an Authorization: Bearer token.",
					CHALLENGE);
		}
		try {
			AccessTokenClaims claims = this.accessTokens.verify(header.substring(7).strip());
			return new AuthenticatedUser(claims.userId(), claims.email(), claims.role());
		}
		catch (InvalidTokenException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token",
					"The access token is invalid or has expired.", Map.of(HttpHeaders.WWW_AUTHENTICATE,
							"Bearer error=\"invalid_token\""));
		}
	}

}
