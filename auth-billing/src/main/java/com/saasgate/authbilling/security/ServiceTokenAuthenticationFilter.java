package com.saasgate.authbilling.security;

import java.io.IOException;

import com.saasgate.security.Headers;
import com.saasgate.security.contract.ServiceNames;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the calling service from {@code X-Service-Token} (API contract section 6), on service
 * paths only. The gateway attaches its token to every request it forwards, user calls included; on a
 * user path the user is authenticated from the Bearer token and the service token is not looked at,
 * so it never stands in for a user. An invalid token is a 401 at once; a missing one leaves the
 * request anonymous, which the path's rule refuses with the same 401.
 */
final class ServiceTokenAuthenticationFilter extends OncePerRequestFilter {

	private final ServiceTokens serviceTokens;

	private final AccessRules rules;

	private final AuthenticationEntryPoint entryPoint;

	private final ServiceAuthMetrics metrics;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ServiceTokenAuthenticationFilter(ServiceTokens serviceTokens, AccessRules rules, AuthenticationEntryPoint entryPoint,
			ServiceAuthMetrics metrics) {
		this.serviceTokens = serviceTokens;
		this.rules = rules;
		this.entryPoint = entryPoint;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.rules.isServicePath(request)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getHeader(Headers.SERVICE_TOKEN);
		if (token == null || token.isBlank()) {
			this.metrics.count(null, ServiceAuthMetrics.Result.MISSING);
			chain.doFilter(request, response);
			return;
		}
		ServiceTokenClaims claims;
		try {
			claims = this.serviceTokens.verify(token, ServiceNames.AUTH_BILLING);
		}
		catch (InvalidTokenException ex) {
			this.metrics.count(null, ServiceAuthMetrics.Result.INVALID);
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("invalid service token"));
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new ServiceAuthentication(claims));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

}
