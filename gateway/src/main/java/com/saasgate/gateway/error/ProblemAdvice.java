package com.saasgate.gateway.error;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring's exceptions raised while dispatching (no route, wrong method, the router's own timeout) are
 * resolved here, before they could reach {@link ProblemExceptionHandler}; this gives them the same
 * body, with the contract's {@code code}. Replaces the advice Boot registers for
 * {@code spring.webflux.problemdetails.enabled}, which has no {@code code}.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
			@Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		Problem problem = ProblemMapper.map(ex);
		Problems.log(exchange, problem, ex);
		HttpHeaders responseHeaders = new HttpHeaders();
		if (headers != null) {
			responseHeaders.addAll(headers); // e.g. Allow on 405
		}
		responseHeaders.addAll(problem.headers());
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return Mono.just(new ResponseEntity<>(Problems.body(problem), responseHeaders, problem.status()));
	}

}
