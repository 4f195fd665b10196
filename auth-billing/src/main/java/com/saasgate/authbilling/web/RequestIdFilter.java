package com.saasgate.authbilling.web;

import java.io.IOException;

import com.saasgate.security.Headers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every response carries {@code X-Request-Id}: the caller's when it is a sane token, a new UUID
 * otherwise. It is also put in the logging context as {@code requestId}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = Headers.requestIdOrNew(request.getHeader(Headers.REQUEST_ID));
		response.setHeader(Headers.REQUEST_ID, requestId);
		MDC.put("requestId", requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("requestId");
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
