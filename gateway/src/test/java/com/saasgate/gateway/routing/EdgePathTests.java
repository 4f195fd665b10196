package com.saasgate.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EdgePathTests {

	@ParameterizedTest
	@CsvSource(delimiter = ' ', value = { "/api/usage/record /api/usage/record", "/api/%75sage/record /api/usage/record",
			"/api/usage%2Frecord /api/usage/record", "/api/usage%252Frecord /api/usage/record",
			"/api/usage%25252Frecord /api/usage/record", "//api//usage///record/ /api/usage/record",
			"/api/./usage/./record /api/usage/record", "/api/auth/../usage/record /api/usage/record",
			"/../../api/usage/record /api/usage/record", "/api/auth/%2e%2e/internal/x /api/internal/x",
			"/api/usage;jsessionid=1/record;x=2 /api/usage/record", "/api/auth/..;/trials/check /api/trials/check",
			"/api\\usage\\record /api/usage/record", "/api/auth/%5c..%5cinternal /api/internal",
			"/API/Usage/Record /API/Usage/Record", "/api/files/100%25 /api/files/100%", "/ /", "'' /",
			"/api/%E2%82%AC /api/\u20ac" })
	void canonicalWhenSpelledAnyWayThenTheReadingALenientServerHas(String raw, String canonical) {
		assertThat(EdgePath.canonical(raw)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/me%00", "/api/%0aauth", "/api/%7f", "/api/%zz", "/api/x%", "/api/%2",
			"/api/usage%2525252525Frecord" })
	void canonicalWhenUndecodableOrControlCharacterThenRefused(String raw) {
		assertThatIllegalArgumentException().isThrownBy(() -> EdgePath.canonical(raw));
	}

}
