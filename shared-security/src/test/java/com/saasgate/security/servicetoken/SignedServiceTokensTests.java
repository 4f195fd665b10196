package com.saasgate.security.servicetoken;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.saasgate.security.TestJwts;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.SigningKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Service tokens signed with a service's private key (the gateway's) and verified by auth-billing from
 * the registered public key alone, beside the HMAC keys of the other services.
 */
class SignedServiceTokensTests {

	static final String SHARED = "shared-service-secret-0123456789abcdefghijklmnop";

	static final String INTELLIGENCE = "intelligence-own-secret-0123456789abcdefghijkl";

	static final String AUDIENCE = "auth-billing";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final SigningKeys GATEWAY = SigningKeys.generate();

	static final SigningKeys OTHER = SigningKeys.generate();

	private final ServiceKeys keys = new ServiceKeys(HmacKeys.of(SHARED), Map.of("intelligence", HmacKeys.of(INTELLIGENCE)),
			Map.of("gateway", GATEWAY.publicKeys()));

	private final ServiceTokens verifier = new ServiceTokens(this.keys, CLOCK);

	private final SignedServiceTokens gateway = new SignedServiceTokens("gateway", GATEWAY, CLOCK);

	@Test
	void issueWritesTheContractShapeSignedEs256WithTheThumbprintAsKid() {
		String token = this.gateway.issue(AUDIENCE, "user-1", Duration.ofMinutes(5));

		assertThat(TestJwts.part(token, 0)).contains("\"alg\":\"ES256\"")
			.contains("\"typ\":\"service+jwt\"")
			.contains("\"kid\":\"" + GATEWAY.currentKeyId() + "\"");
		assertThat(TestJwts.part(token, 1)).contains("\"iss\":\"gateway\"")
			.contains("\"sub\":\"user-1\"")
			.contains("\"iat\":" + NOW.getEpochSecond())
			.contains("\"exp\":" + NOW.plusSeconds(300).getEpochSecond());
	}

	@Test
	void verifyWhenSignedWithTheRegisteredPrivateKeyThenTheGatewayWithItsOwnKey() {
		ServiceTokenClaims claims = this.verifier.verify(this.gateway.issue(AUDIENCE, "user-1", Duration.ofMinutes(1)),
				AUDIENCE);

		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.userId()).isEqualTo("user-1");
		assertThat(claims.signedWithOwnKey()).isTrue();
		assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void verifyWhenHmacTokensOfOtherServicesThenStillAccepted() {
		ServiceTokenClaims own = this.verifier.verify(this.verifier.issue("intelligence", AUDIENCE, null, Duration.ofMinutes(1)),
				AUDIENCE);
		ServiceTokenClaims shared = this.verifier.verify(this.verifier.issue("memory", AUDIENCE, null, Duration.ofMinutes(1)),
				AUDIENCE);

		assertThat(own.signedWithOwnKey()).isTrue();
		assertThat(shared.signedWithOwnKey()).isFalse();
	}

	@Test
	void verifyWhenGatewayClaimedUnderTheSharedKeyThenRefused() {
		// The gateway registered a public key: the shared key, which many hold, cannot speak for it.
		assertRejected(this.verifier.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1)));
	}

	@Test
	void verifyWhenGatewayClaimedUnderAnHmacKeyOfItsOwnThenRefused() {
		// A SERVICE_JWT_SECRET_GATEWAY left set beside the public key: whoever holds it must not be the gateway.
		String oldGatewaySecret = "gateway-old-hmac-secret-0123456789abcdefghijk";
		ServiceKeys both = new ServiceKeys(HmacKeys.of(SHARED), Map.of("gateway", HmacKeys.of(oldGatewaySecret)),
				Map.of("gateway", GATEWAY.publicKeys()));
		ServiceTokens verifier = new ServiceTokens(both, CLOCK);
		String hmac = verifier.issue("gateway", AUDIENCE, "user-1", Duration.ofMinutes(1));

		assertThat(TestJwts.part(hmac, 0)).contains("\"alg\":\"HS256\"").contains("\"kid\":\"service:gateway\"");
		assertThatThrownBy(() -> verifier.verify(hmac, AUDIENCE)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("registered public key");
		assertThat(verifier.verify(this.gateway.issue(AUDIENCE, "user-1", Duration.ofMinutes(1)), AUDIENCE).service())
			.isEqualTo("gateway");
	}

	@Test
	void verifyWhenAnotherServiceClaimsUnderTheGatewaysKeyThenRefused() {
		String token = new SignedServiceTokens("intelligence", GATEWAY, CLOCK).issue(AUDIENCE, null, Duration.ofMinutes(1));

		assertThatThrownBy(() -> this.verifier.verify(token, AUDIENCE)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("another service");
	}

	@Test
	void verifyWhenSignedByAnUnregisteredKeyThenRefused() {
		assertRejected(new SignedServiceTokens("gateway", OTHER, CLOCK).issue(AUDIENCE, null, Duration.ofMinutes(1)));
		// Under the gateway's kid: the signature does not verify.
		String forged = new SignedServiceTokens("gateway", OTHER, CLOCK).issue(AUDIENCE, null, Duration.ofMinutes(1));
		String header = TestJwts.part(forged, 0).replace(OTHER.currentKeyId(), GATEWAY.currentKeyId());
		assertRejected(TestJwts.replacePart(forged, 0, header));
	}

	@Test
	void verifyWhenHs256KeyedByThePublicKeyUnderItsKidThenRefused() {
		String payload = TestJwts.part(this.gateway.issue(AUDIENCE, null, Duration.ofMinutes(1)), 1);
		String header = "{\"alg\":\"HS256\",\"typ\":\"service+jwt\",\"kid\":\"" + GATEWAY.currentKeyId() + "\"}";
		byte[] publicKey = GATEWAY.publicKeys().get(0).toKey().getEncoded();

		assertRejected(TestJwts.sign(header, payload, "HmacSHA256", publicKey));
		assertRejected(TestJwts.sign(header, payload, "HmacSHA256",
				JwkText.publicJson(GATEWAY.publicKeys().get(0)).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void verifyWhenSignedTokenForAnotherAudienceOrTooLongThenRefused() {
		assertRejected(this.gateway.issue("memory", null, Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.gateway.issue(AUDIENCE, null, Duration.ofMinutes(6)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.gateway.issue(AUDIENCE, null, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.gateway.issue(AUDIENCE, null, Duration.ofSeconds(-1)));
		assertThat(this.gateway.issue(AUDIENCE, null, Duration.ofMinutes(5))).isNotBlank();
	}

	@Test
	void verifyWhenSignedTokenLivesLongerThanFiveMinutesThenRefused() {
		SigningKeys keys = GATEWAY;
		String longLived = new com.saasgate.security.jwt.SignedJwt(keys, com.saasgate.security.jwt.TokenKind.SERVICE,
				Duration.ZERO, CLOCK).sign(io.jsonwebtoken.Jwts.builder()
			.header().type("service+jwt").and()
			.issuer("gateway").audience().add(AUDIENCE).and()
			.issuedAt(java.util.Date.from(NOW))
			.expiration(java.util.Date.from(NOW.plus(Duration.ofMinutes(6)))));

		assertThatThrownBy(() -> this.verifier.verify(longLived, AUDIENCE)).hasMessageContaining("longer");
	}

	@Test
	void verifyWhenTheVerifierRegisteredNoPublicKeyThenRefused() {
		ServiceTokens hmacOnly = new ServiceTokens(new ServiceKeys(SHARED, Map.of()), CLOCK);

		assertThatThrownBy(() -> hmacOnly.verify(this.gateway.issue(AUDIENCE, null, Duration.ofMinutes(1)), AUDIENCE))
			.isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void serviceKeysWhenAKeyIsRegisteredForTwoServicesThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(HmacKeys.of(SHARED), Map.of(),
				Map.of("gateway", GATEWAY.publicKeys(), "memory", GATEWAY.publicKeys())));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceKeys(HmacKeys.of(SHARED), Map.of(),
				Map.of("Not A Name", GATEWAY.publicKeys())));
	}

	@Test
	void serviceKeysListTheServicesWithAPublicKey() {
		SigningKeys rotating = new SigningKeys(OTHER.privateJwk(), GATEWAY.publicKeys());
		ServiceKeys twoKeys = new ServiceKeys(HmacKeys.of(SHARED), Map.of(), Map.of("gateway", rotating.publicKeys()));

		assertThat(twoKeys.servicesWithPublicKey()).containsExactly("gateway");
		assertThat(twoKeys.toString()).contains("gateway").contains(GATEWAY.currentKeyId());
		assertThat(new ServiceKeys(HmacKeys.of(SHARED), Map.of()).servicesWithPublicKey()).isEmpty();
		// Either key of a rotation verifies the gateway's tokens.
		ServiceTokens verifier = new ServiceTokens(twoKeys, CLOCK);
		assertThat(verifier.verify(this.gateway.issue(AUDIENCE, null, Duration.ofMinutes(1)), AUDIENCE).service())
			.isEqualTo("gateway");
		assertThat(verifier.verify(new SignedServiceTokens("gateway", OTHER, CLOCK).issue(AUDIENCE, null,
				Duration.ofMinutes(1)), AUDIENCE).service()).isEqualTo("gateway");
		assertThat(List.of(twoKeys.servicesWithPublicKey())).hasSize(1);
	}

	private void assertRejected(String token) {
		assertThatThrownBy(() -> this.verifier.verify(token, AUDIENCE)).isInstanceOf(InvalidTokenException.class);
	}

}
