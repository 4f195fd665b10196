package com.saasgate.gateway.error;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.security.Headers;

import org.springframework.web.server.ServerWebExchange;

/** The problem document's members (RFC 9457 section 3.1 plus the contract's {@code code}), and its log line. */
final class Problems {

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	private Problems() {
	}

	static Map<String, Object> body(Problem problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.type());
		body.put("title", problem.title());
		body.put("status", problem.status().value());
		body.put("detail", problem.detail());
		body.put("code", problem.code());
		problem.extensions().forEach(body::putIfAbsent);
		return body;
	}

	static void log(ServerWebExchange exchange, Problem problem, Throwable ex) {
		// the response carries the id actually in use; the client's header may have been replaced
		String requestId = exchange.getResponse().getHeaders().getFirst(Headers.REQUEST_ID);
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		if (ProblemMapper.isUnexpected(problem)) {
			log.error("{} failed [{}={}]", request, Headers.REQUEST_ID, requestId, ex);
		}
		else if (problem.status().is5xxServerError()) {
			log.warn("{} -> {} {} [{}={}]: {}", request, problem.status().value(), problem.code(), Headers.REQUEST_ID,
					requestId, ex.toString());
		}
		else if (log.isDebugEnabled()) {
			log.debug("{} -> {} {} [{}={}]", request, problem.status().value(), problem.code(), Headers.REQUEST_ID,
					requestId);
		}
	}

}
