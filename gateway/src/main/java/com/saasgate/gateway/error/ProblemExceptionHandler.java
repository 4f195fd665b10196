package com.saasgate.gateway.error;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders every error that escapes the filters and handlers as {@code application/problem+json}:
 * the filters' {@link GatewayProblemException}s and an unreachable upstream. Ordered before Boot's
 * {@code DefaultErrorWebExceptionHandler} (order -1), so clients never see its JSON or an HTML page.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

	private final ObjectMapper json;

	ProblemExceptionHandler(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Part of an upstream answer is already on the wire; all we can do is cut the connection.
			return Mono.error(ex);
		}
		Problem problem = ProblemMapper.map(ex);
		Problems.log(exchange, problem, ex);
		response.setStatusCode(problem.status());
		HttpHeaders headers = response.getHeaders();
		// An upstream may have set these before failing; they would describe a body we no longer send.
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.addAll(problem.headers());
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.json.writeValueAsBytes(Problems.body(problem));
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
