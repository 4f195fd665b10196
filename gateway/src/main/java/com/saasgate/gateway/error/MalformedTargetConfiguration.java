package com.saasgate.gateway.error;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

import com.saasgate.security.Headers;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A request-target that is not a URI ({@code /api/x?a=%zz}, a lone {@code %}, a backslash) never reaches
 * Spring: its Reactor Netty adapter answers a bare 400 with no body. A route ahead of the adapter
 * answers such requests with the suite's problem document ({@code invalid_request}) and a request id.
 */
@Configuration(proxyBeanMethods = false)
class MalformedTargetConfiguration {

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> malformedTargetProblem(ObjectMapper json) {
		byte[] body = json.writeValueAsBytes(Problems.body(Problem.of(HttpStatus.BAD_REQUEST, "invalid_request",
				"The request target is not a valid URI (RFC 3986): check its percent-encoding.")));
		return (factory) -> factory.addRouteProviders((routes) -> routes.route(MalformedTargetConfiguration::isMalformed,
				(request, response) -> answer(response, body)));
	}

	/** As Spring's adapter decides: the target does not parse as a URI. */
	static boolean isMalformed(HttpServerRequest request) {
		try {
			new URI(request.uri());
			return false;
		}
		catch (URISyntaxException ex) {
			return true;
		}
	}

	private static Mono<Void> answer(HttpServerResponse response, byte[] body) {
		return response.status(HttpStatus.BAD_REQUEST.value())
			.header("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.header(Headers.REQUEST_ID, UUID.randomUUID().toString())
			.sendByteArray(Mono.just(body))
			.then();
	}

}
