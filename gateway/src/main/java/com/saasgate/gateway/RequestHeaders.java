package com.saasgate.gateway;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's own edits of a request's headers (the request id, the client address, the user, the tier,
 * the service token, credentials removed), made on one writable copy per request rather than a copy per
 * filter.
 * <p>
 * A request's headers are read-only; {@code request.mutate().headers(...)} copies all of them into a
 * writable map, and the request it builds reads that map through a read-only view. Each of the suite's
 * filters used to mutate the request for its one header: five to seven copies of every header per proxied
 * request (four of those filters held 1.7 to 3.2 % of the gateway's CPU samples each, JFR in docs/benchmarks.md,
 * "Where the time goes"). Here the first edit
 * copies, keeps the writable map in an exchange attribute beside the request it belongs to, and later edits
 * write into it, which the request's view shows at once. When something else has replaced the request
 * since (a path rewrite, Spring Cloud Gateway's {@code StripPrefix}), that copy no longer belongs to it,
 * and the next edit copies again. {@code RequestHeadersTests} holds the view's behaviour this relies on.
 */
public final class RequestHeaders {

	private static final String ATTRIBUTE = RequestHeaders.class.getName() + ".writable";

	private RequestHeaders() {
	}

	/**
	 * Applies {@code edit} to the headers of the exchange's request, seen by every filter after this one and
	 * sent upstream.
	 * @return the exchange to continue the chain with: {@code exchange} itself, or one with a request
	 * that has a writable copy of its headers
	 */
	public static ServerWebExchange edit(ServerWebExchange exchange, Consumer<HttpHeaders> edit) {
		Writable writable = exchange.getAttribute(ATTRIBUTE);
		if (writable != null && writable.request() == exchange.getRequest()) {
			edit.accept(writable.headers());
			return exchange;
		}
		HttpHeaders[] copy = new HttpHeaders[1];
		ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> {
			copy[0] = headers;
			edit.accept(headers);
		}).build();
		exchange.getAttributes().put(ATTRIBUTE, new Writable(request, copy[0]));
		return exchange.mutate().request(request).build();
	}

	private record Writable(ServerHttpRequest request, HttpHeaders headers) {
	}

}
