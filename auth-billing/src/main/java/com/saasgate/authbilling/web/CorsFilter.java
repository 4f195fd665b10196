package com.saasgate.authbilling.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import com.saasgate.security.Headers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for auth-billing's own port: a request from a browser origin that is not a configured front
 * end ({@code CORS_ALLOWED_ORIGINS}) or the gateway ({@code GATEWAY_URL}) is refused with
 * {@code 403 origin_not_allowed}, before anything runs, so a page elsewhere cannot make a visitor's
 * browser call the service directly. Requests without {@code Origin} (the gateway, which removes the
 * browser's, and other services) are not affected. Runs before Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
@EnableConfigurationProperties(CorsProperties.class)
class CorsFilter extends OncePerRequestFilter {

	private final CorsConfiguration config = new CorsConfiguration();

	private final CorsProcessor processor = new ProblemCorsProcessor();

	private final JsonMapper json;

	CorsFilter(CorsProperties properties, JsonMapper json) {
		this.config.setAllowedOrigins(properties.origins());
		this.config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		this.config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, Headers.REQUEST_ID,
				Headers.IDEMPOTENCY_KEY));
		this.config.setExposedHeaders(List.of(Headers.REQUEST_ID, HttpHeaders.RETRY_AFTER));
		this.config.setAllowCredentials(true);
		this.config.setMaxAge(3600L);
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!CorsUtils.isCorsRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.processor.processRequest(this.config, request, response)) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.FORBIDDEN, "origin_not_allowed",
					"This origin is not allowed to call the API."));
			return;
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			return;
		}
		chain.doFilter(request, response);
	}

	/** Spring's checks; a refusal is left to this filter to write, as a problem document. */
	private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
		}

	}

}
