package com.saasgate.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHeadersTests {

	private final MockServerWebExchange original = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/billing/plans").header("X-Forwarded-For", "203.0.113.7"));

	@Test
	void editWhenFirstThenTheRequestCarriesItAndTheOriginalIsUntouched() {
		ServerWebExchange edited = RequestHeaders.edit(this.original, (headers) -> headers.set("X-Request-Id", "r1"));

		assertThat(edited.getRequest().getHeaders().getFirst("X-Request-Id")).isEqualTo("r1");
		assertThat(edited.getRequest().getHeaders().getFirst("X-Forwarded-For")).isEqualTo("203.0.113.7");
		assertThat(this.original.getRequest().getHeaders().containsHeader("X-Request-Id")).isFalse();
	}

	@Test
	void editWhenAlreadyEditedThenWritesIntoTheSameCopyAndEveryEditIsSeen() {
		ServerWebExchange first = RequestHeaders.edit(this.original, (headers) -> headers.set("X-Request-Id", "r1"));

		ServerWebExchange second = RequestHeaders.edit(first, (headers) -> {
			headers.remove("X-Forwarded-For");
			headers.set("X-User-Id", "u1");
		});

		assertThat(second).isSameAs(first);
		assertThat(second.getRequest().getHeaders().getFirst("X-Request-Id")).isEqualTo("r1");
		assertThat(second.getRequest().getHeaders().getFirst("X-User-Id")).isEqualTo("u1");
		assertThat(second.getRequest().getHeaders().containsHeader("X-Forwarded-For")).isFalse();
	}

	@Test
	void editWhenTheRequestWasReplacedSinceThenCopiesAgainAndTheEditReachesTheNewRequest() {
		ServerWebExchange first = RequestHeaders.edit(this.original, (headers) -> headers.set("X-User-Id", "u1"));
		// as Spring Cloud Gateway's StripPrefix does: a new request, with its own copy of the headers
		ServerWebExchange stripped = first.mutate().request((request) -> request.path("/billing/plans")).build();

		ServerWebExchange edited = RequestHeaders.edit(stripped, (headers) -> headers.set("X-Service-Token", "t1"));

		assertThat(edited).isNotSameAs(stripped);
		assertThat(edited.getRequest().getPath().value()).isEqualTo("/billing/plans");
		assertThat(edited.getRequest().getHeaders().getFirst("X-User-Id")).isEqualTo("u1");
		assertThat(edited.getRequest().getHeaders().getFirst("X-Service-Token")).isEqualTo("t1");
		assertThat(first.getRequest().getHeaders().containsHeader("X-Service-Token")).isFalse();
	}

}
