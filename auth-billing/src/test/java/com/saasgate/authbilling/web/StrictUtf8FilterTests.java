package com.saasgate.authbilling.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictUtf8FilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "plain ascii", "Zoë", "€100", "日本語", "😀 emoji", "\u0080\u07FF\u0800\uFFFD", "\uD800\uDC00" })
	void validatorWhenWellFormedUtf8ThenAccepts(String text) {
		assertThatNoException().isThrownBy(() -> validate(text.getBytes(StandardCharsets.UTF_8)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "FF", "FE", "80", "BF", "C0 AF", "C1 BF", "C3 28", "E0 80 AF", "ED A0 80", "ED BF BF",
			"F0 80 80 AF", "F4 90 80 80", "F5 80 80 80", "F8 88 80 80 80", "E2 82", "E2 28 A1", "F0 9F 98" })
	void validatorWhenIllFormedUtf8ThenRejects(String hex) {
		assertThatThrownBy(() -> validate(bytes(hex))).isInstanceOf(StrictUtf8Filter.MalformedUtf8Exception.class);
	}

	@Test
	void isUtf8JsonWhenJsonWithoutCharsetOrUtf8ThenTrue() {
		assertThat(StrictUtf8Filter.isUtf8Json("application/json")).isTrue();
		assertThat(StrictUtf8Filter.isUtf8Json("application/json;charset=UTF-8")).isTrue();
		assertThat(StrictUtf8Filter.isUtf8Json("application/merge-patch+json")).isTrue();
	}

	@Test
	void isUtf8JsonWhenOtherTypeOrCharsetOrGarbageThenFalse() {
		assertThat(StrictUtf8Filter.isUtf8Json(null)).isFalse();
		assertThat(StrictUtf8Filter.isUtf8Json("text/plain")).isFalse();
		assertThat(StrictUtf8Filter.isUtf8Json("application/json;charset=UTF-16")).isFalse();
		assertThat(StrictUtf8Filter.isUtf8Json("not a media type")).isFalse();
		assertThat(StrictUtf8Filter.isUtf8Json("application/json;charset=nonsense")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a=1", "a=1&b=2", "userId=Zo%C3%AB", "q=%E2%82%AC100+x", "a=%F0%9F%98%80", "a", "a=&b",
			"a=b=c",
			// raw UTF-8 bytes of "Zoë" as Tomcat hands them over (one ISO-8859-1 char per byte)
			"a=Zo\u00c3\u00ab" })
	void isWellFormedQueryWhenUtf8EscapesOrPlainThenTrue(String query) {
		assertThat(StrictUtf8Filter.isWellFormedQuery(query)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a=%ff", "a=%FF", "%ff=1", "a=%c0%af", "a=%e2%82", "a=%e2%82&b=%ac", "a=%e2%82=%ac", "a=%",
			"a=%f", "a=%zz", "a=%g1", "a=%ed%a0%80", "a=1&b=%80", "a=Zo\u00eb" })
	void isWellFormedQueryWhenBrokenEscapeOrNotUtf8ThenFalse(String query) {
		assertThat(StrictUtf8Filter.isWellFormedQuery(query)).isFalse();
	}

	@Test
	void isWellFormedQueryWhenNoQueryThenTrue() {
		assertThat(StrictUtf8Filter.isWellFormedQuery(null)).isTrue();
	}

	@Test
	void isTextWhenNulOrUnpairedSurrogateThenFalse() {
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("a\u0000b")).isFalse();
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("a\uD800b")).isFalse();
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("a\uDC00b")).isFalse();
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("a\uD800")).isFalse();
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("😀 Zoë\t\n")).isTrue();
		assertThat(JsonInputConfiguration.TextOnlyDeserializer.isText("")).isTrue();
	}

	private static void validate(byte[] bytes) throws StrictUtf8Filter.MalformedUtf8Exception {
		StrictUtf8Filter.Utf8Validator validator = new StrictUtf8Filter.Utf8Validator();
		for (byte b : bytes) {
			validator.accept(b & 0xFF);
		}
		validator.end();
	}

	private static byte[] bytes(String hex) {
		String[] parts = hex.split(" ");
		byte[] bytes = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		return bytes;
	}

}
