package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.saasgate.security.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access and refresh tokens across a key rotation: signed with the current key, named in {@code kid};
 * verified under the current or the previous key, and under nothing else.
 */
class KeyRotationTests {

	static final String OLD = "old-access-secret-0123456789abcdefghijklmnopqr";

	static final String NEW = "new-access-secret-0123456789abcdefghijklmnopqr";

	static final String OTHER = "other-access-secret-0123456789abcdefghijklmnop";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

	private final AccessTokens rotated = access(new HmacKeys(NEW, OLD));

	static AccessTokens access(HmacKeys keys) {
		return new AccessTokens(keys, "saasgate", "saasgate-api", Duration.ofMinutes(15), Duration.ofSeconds(60), CLOCK);
	}

	@Test
	void issueThenSignsWithTheCurrentKeyAndNamesItInKid() {
		String token = this.rotated.issue(USER, "ada@example.com", "user").token();

		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"" + HmacKeys.keyId(HmacJwt.hmacKey(NEW)) + "\"");
		assertThat(access(HmacKeys.of(NEW)).verify(token).userId()).isEqualTo(USER);
		assertThatThrownBy(() -> access(HmacKeys.of(OLD)).verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void verifyWhenSignedWithPreviousKeyThenAccepted() {
		String token = access(HmacKeys.of(OLD)).issue(USER, "ada@example.com", "user").token();

		assertThat(this.rotated.verify(token).userId()).isEqualTo(USER);
	}

	@Test
	void verifyWhenSignedWithPreviousKeyAndPreviousAbsentThenRejected() {
		String token = access(HmacKeys.of(OLD)).issue(USER, "ada@example.com", "user").token();

		assertThatThrownBy(() -> access(HmacKeys.of(NEW)).verify(token)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("unknown key");
	}

	@Test
	void verifyWhenSignedWithUnknownKeyThenRejected() {
		String token = access(HmacKeys.of(OTHER)).issue(USER, "ada@example.com", "user").token();

		assertThatThrownBy(() -> this.rotated.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void verifyWhenKidTamperedThenRejected() {
		String token = access(HmacKeys.of(NEW)).issue(USER, "ada@example.com", "user").token();
		String header = TestJwts.part(token, 0);
		String newKid = HmacKeys.keyId(HmacJwt.hmacKey(NEW));
		String oldKid = HmacKeys.keyId(HmacJwt.hmacKey(OLD));

		// Naming the other key of the slot: that key does not verify the signature, and is the only one tried.
		assertThatThrownBy(() -> this.rotated.verify(TestJwts.replacePart(token, 0, header.replace(newKid, oldKid))))
			.isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> this.rotated.verify(TestJwts.replacePart(token, 0, header.replace(newKid, "x" + newKid))))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("unknown key");
	}

	@Test
	void verifyWhenNoKidAndSignedWithCurrentOrPreviousKeyThenAccepted() {
		// As tokens issued before kids were written look.
		assertThat(this.rotated.verify(withoutKid(NEW)).userId()).isEqualTo(USER);
		assertThat(this.rotated.verify(withoutKid(OLD)).userId()).isEqualTo(USER);
		assertThat(access(HmacKeys.of(NEW)).verify(withoutKid(NEW)).userId()).isEqualTo(USER);
	}

	@Test
	void verifyWhenNoKidAndSignedWithNeitherKeyThenRejected() {
		assertThatThrownBy(() -> this.rotated.verify(withoutKid(OTHER))).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
		assertThatThrownBy(() -> access(HmacKeys.of(NEW)).verify(withoutKid(OLD)))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void verifyWhenSignedWithPreviousKeyThenOtherChecksStillApply() {
		AccessTokens oldIssuer = new AccessTokens(HmacKeys.of(OLD), "someone-else", "saasgate-api",
				Duration.ofMinutes(15), Duration.ofSeconds(60), CLOCK);
		String token = oldIssuer.issue(USER, "ada@example.com", "user").token();

		assertThatThrownBy(() -> this.rotated.verify(token)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("issuer");
	}

	@Test
	void refreshVerifyWhenSignedWithPreviousKeyThenAcceptedAndNewOnesSignedWithCurrent() {
		RefreshTokenClaims claims = new RefreshTokenClaims(UUID.randomUUID(), USER, UUID.randomUUID(),
				NOW.plus(Duration.ofDays(30)));
		String old = new RefreshTokens(HmacKeys.of(OLD), "saasgate", CLOCK).issue(claims);
		RefreshTokens rotatedRefresh = new RefreshTokens(new HmacKeys(NEW, OLD), "saasgate", CLOCK);

		assertThat(rotatedRefresh.verify(old)).isEqualTo(claims);
		assertThat(new RefreshTokens(NEW, "saasgate", CLOCK).verify(rotatedRefresh.issue(claims))).isEqualTo(claims);
		assertThatThrownBy(() -> new RefreshTokens(NEW, "saasgate", CLOCK).verify(old))
			.isInstanceOf(InvalidTokenException.class);
	}

	private static String withoutKid(String secret) {
		String token = access(HmacKeys.of(secret)).issue(USER, "ada@example.com", "user").token();
		return TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", TestJwts.part(token, 1), "HmacSHA256", secret);
	}

}
