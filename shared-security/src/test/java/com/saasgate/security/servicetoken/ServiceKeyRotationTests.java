package com.saasgate.security.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.saasgate.security.TestJwts;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.InvalidTokenException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Service tokens across a rotation: the {@code kid} names the slot (the shared key or a service's own),
 * and the slot's previous key verifies as its current one does, for that slot only.
 */
class ServiceKeyRotationTests {

	static final String SHARED = "shared-service-secret-0123456789abcdefghijklmnop";

	static final String SHARED_OLD = "shared-service-old-secret-0123456789abcdefghijk";

	static final String GATEWAY = "gateway-own-secret-0123456789abcdefghijklmnopqr";

	static final String GATEWAY_OLD = "gateway-old-secret-0123456789abcdefghijklmnopqr";

	static final String INTELLIGENCE = "intelligence-own-secret-0123456789abcdefghijkl";

	static final String INTELLIGENCE_OLD = "intelligence-old-secret-0123456789abcdefghijkl";

	static final String AUDIENCE = "auth-billing";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ServiceTokens rotated = new ServiceTokens(new ServiceKeys(new HmacKeys(SHARED, SHARED_OLD),
			Map.of("gateway", new HmacKeys(GATEWAY, GATEWAY_OLD), "intelligence",
					new HmacKeys(INTELLIGENCE, INTELLIGENCE_OLD))),
			CLOCK);

	@Test
	void verifyWhenSignedWithPreviousOwnKeyThenAccepted() {
		String token = new ServiceTokens(new ServiceKeys(SHARED_OLD, Map.of("gateway", GATEWAY_OLD)), CLOCK)
			.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		ServiceTokenClaims claims = this.rotated.verify(token, AUDIENCE);

		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.signedWithOwnKey()).isTrue();
	}

	@Test
	void verifyWhenSignedWithPreviousSharedKeyThenAccepted() {
		String token = ServiceKeysTestTokens.sign("shared", "memory", SHARED_OLD);

		assertThat(this.rotated.verify(token, AUDIENCE).signedWithOwnKey()).isFalse();
		assertThat(this.rotated.verify(ServiceKeysTestTokens.sign(null, "memory", SHARED_OLD), AUDIENCE).service())
			.isEqualTo("memory");
	}

	@Test
	void verifyWhenSignedWithPreviousKeyAndPreviousAbsentThenRejected() {
		ServiceTokens current = new ServiceTokens(new ServiceKeys(SHARED, Map.of("gateway", GATEWAY)), CLOCK);

		assertRejected(current, ServiceKeysTestTokens.sign("service:gateway", "gateway", GATEWAY_OLD));
		assertRejected(current, ServiceKeysTestTokens.sign("shared", "memory", SHARED_OLD));
	}

	@Test
	void verifyWhenPreviousKeyOfServiceAPresentedAsServiceBThenRejected() {
		// Under B's slot the key of A verifies nothing; under A's slot the issuer is not A.
		assertRejected(this.rotated, ServiceKeysTestTokens.sign("service:intelligence", "intelligence", GATEWAY_OLD));
		assertThatThrownBy(() -> this.rotated
			.verify(ServiceKeysTestTokens.sign("service:gateway", "intelligence", GATEWAY_OLD), AUDIENCE))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("another service");
		// Nor may a previous own key pass for the shared key, or the previous shared key for an own key.
		assertRejected(this.rotated, ServiceKeysTestTokens.sign("shared", "memory", GATEWAY_OLD));
		assertRejected(this.rotated, ServiceKeysTestTokens.sign("service:gateway", "gateway", SHARED_OLD));
	}

	@Test
	void verifyWhenKidTamperedThenRejected() {
		String token = this.rotated.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));
		String header = TestJwts.part(token, 0);

		assertRejected(this.rotated, TestJwts.replacePart(token, 0, header.replace("service:gateway", "shared")));
		assertRejected(this.rotated,
				TestJwts.replacePart(token, 0, header.replace("service:gateway", "service:intelligence")));
		assertRejected(this.rotated, TestJwts.replacePart(token, 0, header.replace("service:gateway", "service:gateway2")));
	}

	@Test
	void issueWhenRotatingThenSignsWithTheCurrentKey() {
		String token = this.rotated.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		assertThat(new ServiceTokens(new ServiceKeys(SHARED, Map.of("gateway", GATEWAY)), CLOCK).verify(token, AUDIENCE)
			.service()).isEqualTo("gateway");
		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"service:gateway\"");
	}

	@Test
	void constructorWhenAPreviousKeyRepeatsAnyOtherKeyThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(new HmacKeys(SHARED, GATEWAY),
				Map.of("gateway", HmacKeys.of(GATEWAY))));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(HmacKeys.of(SHARED),
				Map.of("gateway", new HmacKeys(GATEWAY, SHARED))));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(HmacKeys.of(SHARED),
				Map.of("gateway", new HmacKeys(GATEWAY, INTELLIGENCE), "intelligence", HmacKeys.of(INTELLIGENCE))));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(HmacKeys.of(SHARED),
				Map.of("gateway", new HmacKeys(GATEWAY, GATEWAY_OLD), "intelligence", new HmacKeys(INTELLIGENCE, GATEWAY_OLD))));
	}

	private static void assertRejected(ServiceTokens tokens, String token) {
		assertThatThrownBy(() -> tokens.verify(token, AUDIENCE)).isInstanceOf(InvalidTokenException.class);
	}

	/** Hand-signed service tokens with any {@code kid}. */
	static final class ServiceKeysTestTokens {

		static String sign(String kid, String issuer, String secret) {
			String header = (kid != null) ? "{\"alg\":\"HS256\",\"typ\":\"service+jwt\",\"kid\":\"" + kid + "\"}"
					: "{\"alg\":\"HS256\",\"typ\":\"service+jwt\"}";
			String payload = "{\"iss\":\"" + issuer + "\",\"aud\":[\"" + AUDIENCE + "\"],\"iat\":" + NOW.getEpochSecond()
					+ ",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"jti\":\"x\"}";
			return TestJwts.sign(header, payload, "HmacSHA256", secret);
		}

	}

}
