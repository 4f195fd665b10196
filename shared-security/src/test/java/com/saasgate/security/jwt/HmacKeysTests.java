package com.saasgate.security.jwt;

import java.util.List;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacKeysTests {

	static final String CURRENT = "current-secret-0123456789abcdefghijklmnopqrstu";

	static final String PREVIOUS = "previous-secret-0123456789abcdefghijklmnopqrst";

	private final HmacKeys keys = new HmacKeys(CURRENT, PREVIOUS);

	@Test
	void keyIdWhenSameSecretThenSameTwelveCharacterIdAndOtherwiseDifferent() {
		String id = HmacKeys.keyId(HmacJwt.hmacKey(CURRENT));

		assertThat(id).hasSize(12).matches("[A-Za-z0-9_-]{12}");
		assertThat(HmacKeys.keyId(HmacJwt.hmacKey(CURRENT))).isEqualTo(id);
		assertThat(HmacKeys.keyId(HmacJwt.hmacKey(PREVIOUS))).isNotEqualTo(id);
		assertThat(this.keys.currentKeyId()).isEqualTo(id);
		assertThat(this.keys.current().getEncoded()).isEqualTo(HmacJwt.hmacKey(CURRENT).getEncoded());
	}

	@Test
	void keysForWhenKidNamesTheCurrentKeyThenOnlyTheCurrent() {
		assertThat(encoded(this.keys.keysFor(this.keys.currentKeyId()))).containsExactly(bytes(CURRENT));
	}

	@Test
	void keysForWhenKidNamesThePreviousKeyThenOnlyThePrevious() {
		String previousId = HmacKeys.keyId(HmacJwt.hmacKey(PREVIOUS));

		assertThat(encoded(this.keys.keysFor(previousId))).containsExactly(bytes(PREVIOUS));
	}

	@Test
	void keysForWhenNoKidThenCurrentThenPrevious() {
		assertThat(encoded(this.keys.keysFor((String) null))).containsExactly(bytes(CURRENT), bytes(PREVIOUS));
		assertThat(encoded(HmacKeys.of(CURRENT).keysFor((String) null))).containsExactly(bytes(CURRENT));
	}

	@Test
	void keysForWhenKidNamesNoKeyOfTheSlotThenRejected() {
		String previousId = HmacKeys.keyId(HmacJwt.hmacKey(PREVIOUS));

		assertThatThrownBy(() -> HmacKeys.of(CURRENT).keysFor(previousId)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("unknown key");
		assertThatThrownBy(() -> this.keys.keysFor("")).isInstanceOf(InvalidTokenException.class);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   " })
	void constructWhenPreviousUnsetThenOnlyTheCurrentKey(String previous) {
		HmacKeys slot = new HmacKeys(CURRENT, previous);

		assertThat(encoded(slot.keys())).containsExactly(bytes(CURRENT));
		assertThat(slot).hasToString("HmacKeys[current=" + slot.currentKeyId() + ", previous=null]");
	}

	@Test
	void constructWhenPreviousIsTheCurrentKeyThenRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HmacKeys(CURRENT, CURRENT))
			.withMessageContaining("must differ");
	}

	@Test
	void constructWhenPreviousShorterThan32BytesThenRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HmacKeys(CURRENT, "short"));
	}

	@Test
	void toStringNamesKeyIdsNotSecrets() {
		assertThat(this.keys.toString()).doesNotContain(CURRENT).doesNotContain(PREVIOUS)
			.contains(this.keys.currentKeyId()).contains(HmacKeys.keyId(HmacJwt.hmacKey(PREVIOUS)));
	}

	private static List<byte[]> encoded(List<SecretKey> keys) {
		return keys.stream().map(SecretKey::getEncoded).toList();
	}

	private static byte[] bytes(String secret) {
		return HmacJwt.hmacKey(secret).getEncoded();
	}

}
