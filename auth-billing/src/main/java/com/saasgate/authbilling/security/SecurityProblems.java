package com.saasgate.authbilling.security;

import java.io.IOException;
import java.net.URI;

import com.saasgate.authbilling.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * The problem documents of refused requests, by the rule of the path: the user calls keep the
 * documents and {@code WWW-Authenticate} challenges (RFC 6750 section 3) they had before Spring
 * Security; service calls get {@code service_auth_required} / {@code service_forbidden}; a path with
 * no rule gets the same 404 as any unknown path, so a scan learns nothing of what exists.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AccessRules rules;

	private final JsonMapper json;

	SecurityProblems(AccessRules rules, JsonMapper json) {
		this.rules = rules;
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		AccessRules.Access access = this.rules.accessOf(request);
		if (access instanceof AccessRules.Unknown) {
			notFound(request, response);
		}
		else if (access instanceof AccessRules.Service) {
			write(request, response, HttpStatus.UNAUTHORIZED, "service_auth_required",
					"This call needs a valid X-Service-Token.");
		}
		else {
			userUnauthorized(request, response, failure);
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		AccessRules.Access access = this.rules.accessOf(request);
		if (access instanceof AccessRules.Unknown) {
			notFound(request, response);
		}
		else if (access instanceof AccessRules.Service) {
			write(request, response, HttpStatus.FORBIDDEN, "service_forbidden", "This service may not call this endpoint.");
		}
		else {
			write(request, response, HttpStatus.FORBIDDEN, "forbidden", "This call is not allowed.");
		}
	}

	private void userUnauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (failure instanceof NotBearerException) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			write(request, response, HttpStatus.UNAUTHORIZED, "invalid_token", "Use an Authorization: Bearer token.");
		}
		else if (failure instanceof OAuth2AuthenticationException) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			write(request, response, HttpStatus.UNAUTHORIZED, "invalid_token",
					"The access token is invalid or has expired.");
		}
		else {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			write(request, response, HttpStatus.UNAUTHORIZED, "authentication_required",
					"This call needs an access token.");
		}
	}

	private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
		write(request, response, HttpStatus.NOT_FOUND, "not_found", "There is nothing at this path.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, code, detail);
		problem.setInstance(instance(request));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	// As Spring MVC fills it in for the documents of controller errors.
	private static URI instance(HttpServletRequest request) {
		try {
			return URI.create(request.getRequestURI());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
