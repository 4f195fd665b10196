package com.saasgate.security.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.security.TestJwts;
import com.saasgate.security.jwt.InvalidTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-service keys: every way to claim a service with its own key without holding that key is
 * refused (shared key, forged or missing {@code kid}, another service's key).
 */
class ServiceKeysTests {

	static final String SHARED = "shared-service-secret-0123456789abcdefghijklmnop";

	static final String GATEWAY = "gateway-own-secret-0123456789abcdefghijklmnopqr";

	static final String INTELLIGENCE = "intelligence-own-secret-0123456789abcdefghijkl";

	static final String AUDIENCE = "auth-billing";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ServiceKeys keys = new ServiceKeys(SHARED, Map.of("gateway", GATEWAY, "intelligence", INTELLIGENCE));

	private final ServiceTokens tokens = new ServiceTokens(this.keys, CLOCK);

	@Test
	void issueWhenServiceHasOwnKeyThenSignsWithItAndNamesIt() {
		String token = this.tokens.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"service:gateway\"");
		assertThat(this.tokens.verify(token, AUDIENCE).signedWithOwnKey()).isTrue();
		// Only the gateway's key verifies it: a verifier that knows just the shared key cannot.
		assertRejected(new ServiceTokens(SHARED, CLOCK), token);
		assertRejected(new ServiceTokens(new ServiceKeys(SHARED, Map.of("gateway", INTELLIGENCE)), CLOCK), token);
	}

	@Test
	void issueWhenServiceHasNoOwnKeyThenSharedKeyAndSharedKid() {
		String token = this.tokens.issue("memory", AUDIENCE, null, Duration.ofMinutes(1));

		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"shared\"");
		ServiceTokenClaims claims = new ServiceTokens(SHARED, CLOCK).verify(token, AUDIENCE);
		assertThat(claims.service()).isEqualTo("memory");
		assertThat(claims.signedWithOwnKey()).isFalse();
		assertThat(this.tokens.verify(token, AUDIENCE).signedWithOwnKey()).isFalse();
	}

	@Test
	void verifyWhenNoKidAndIssuerHasNoOwnKeyThenAcceptedUnderSharedKey() {
		// Services without their own key may not send a kid at all.
		String token = sign(header(null), payload("memory"), SHARED);

		assertThat(this.tokens.verify(token, AUDIENCE).service()).isEqualTo("memory");
	}

	@Test
	void verifyWhenIssuerHasOwnKeyButTokenSignedWithSharedKeyThenRejected() {
		assertRejected(this.tokens, sign(header(null), payload("gateway"), SHARED));
		assertRejected(this.tokens, sign(header("shared"), payload("gateway"), SHARED));
		// jjwt reads an empty kid as none.
		assertRejected(this.tokens, sign(header(""), payload("gateway"), SHARED));
		assertRejected(this.tokens, new ServiceTokens(SHARED, CLOCK).issue("gateway", AUDIENCE, null,
				Duration.ofMinutes(1)));
	}

	@Test
	void verifyWhenKidForgedToNameOwnKeyButSignedWithSharedKeyThenRejected() {
		assertRejected(this.tokens, sign(header("service:gateway"), payload("gateway"), SHARED));
	}

	@Test
	void verifyWhenSignedWithAnotherServicesKeyThenRejected() {
		// intelligence, holding its own key, claims to be the gateway: kid and iss disagree.
		assertRejected(this.tokens, sign(header("service:intelligence"), payload("gateway"), INTELLIGENCE));
		// ... or to be a service without its own key.
		assertRejected(this.tokens, sign(header("service:intelligence"), payload("memory"), INTELLIGENCE));
	}

	@Test
	void verifyWhenKidNamesAnOwnKeyThatDoesNotExistThenRejected() {
		// Refused by the key locator itself, not left to the parser's handling of a missing key.
		assertThatThrownBy(() -> this.tokens.verify(sign(header("service:memory"), payload("memory"), SHARED), AUDIENCE))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("unknown key");
		assertRejected(this.tokens, sign(header("service:"), payload("memory"), SHARED));
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "SHARED", "service:GATEWAY", "other:gateway", " shared" })
	void verifyWhenKidIsNoKnownKeyIdThenRejected(String kid) {
		assertRejected(this.tokens, sign(header(kid), payload("memory"), SHARED));
	}

	@Test
	void verifyWhenKidIsNotAStringThenRejected() {
		assertRejected(this.tokens,
				sign("{\"alg\":\"HS256\",\"typ\":\"service+jwt\",\"kid\":7}", payload("memory"), SHARED));
	}

	@Test
	void verifyWhenHandMadeTokenWithOwnKeyThenAccepted() {
		// The control of the hand-made tokens above.
		ServiceTokenClaims claims = this.tokens.verify(sign(header("service:gateway"), payload("gateway"), GATEWAY),
				AUDIENCE);

		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.signedWithOwnKey()).isTrue();
	}

	@Test
	void servicesWithOwnKeyListsThemSorted() {
		assertThat(this.keys.servicesWithOwnKey()).containsExactly("gateway", "intelligence");
		assertThat(this.keys.hasOwnKey("gateway")).isTrue();
		assertThat(this.keys.hasOwnKey("memory")).isFalse();
		assertThat(ServiceKeys.shared(SHARED).servicesWithOwnKey()).isEmpty();
		assertThat(this.keys.toString()).doesNotContain(GATEWAY).doesNotContain(SHARED).contains("gateway");
	}

	@Test
	void constructorWhenOwnKeyRepeatsTheSharedOrAnotherKeyThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(SHARED, Map.of("gateway", SHARED)));
		Map<String, String> same = new LinkedHashMap<>();
		same.put("gateway", GATEWAY);
		same.put("intelligence", GATEWAY);
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(SHARED, same));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Gateway", "gate_way", "gate:way", "-gateway", "gateway-", "a--b" })
	void constructorWhenServiceNameIsNotLowerCaseWordsThenRejected(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(SHARED, Map.of(name, GATEWAY)));
	}

	@Test
	void constructorWhenServiceNameIsNullThenRejected() {
		Map<String, String> nullName = new java.util.HashMap<>();
		nullName.put(null, GATEWAY);

		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(SHARED, nullName));
	}

	@Test
	void constructorWhenAnySecretShorterThan32BytesThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(SHARED, Map.of("gateway", "short")));
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceKeys.shared("short"));
	}

	@Test
	void constructorWhenServiceNameHasDigitsAndHyphensThenAccepted() {
		assertThat(new ServiceKeys(SHARED, Map.of("billing-bot-2", GATEWAY)).hasOwnKey("billing-bot-2")).isTrue();
	}

	private static void assertRejected(ServiceTokens tokens, String token) {
		assertThatThrownBy(() -> tokens.verify(token, AUDIENCE)).isInstanceOf(InvalidTokenException.class);
	}

	private static String header(String kid) {
		return (kid != null) ? "{\"alg\":\"HS256\",\"typ\":\"service+jwt\",\"kid\":\"" + kid + "\"}"
				: "{\"alg\":\"HS256\",\"typ\":\"service+jwt\"}";
	}

	private static String payload(String issuer) {
		return "{\"iss\":\"" + issuer + "\",\"aud\":[\"" + AUDIENCE + "\"],\"iat\":" + NOW.getEpochSecond()
				+ ",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"jti\":\"x\"}";
	}

	private static String sign(String header, String payload, String secret) {
		return TestJwts.sign(header, payload, "HmacSHA256", secret);
	}

}
