package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.saasgate.security.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens across a key rotation. Access tokens (asymmetric): signed with the current private key,
 * named by its thumbprint in {@code kid}; verified under any published key, and under nothing else.
 * Refresh tokens (HMAC): signed with the current key, named in {@code kid}; verified under the current
 * or the previous key, and under nothing else.
 */
class KeyRotationTests {

	static final String OLD = "old-refresh-secret-0123456789abcdefghijklmnopq";

	static final String NEW = "new-refresh-secret-0123456789abcdefghijklmnopq";

	static final String OTHER = "other-refresh-secret-0123456789abcdefghijklmno";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

	static final SigningKeys OLD_KEY = SigningKeys.generate();

	static final SigningKeys NEW_KEY = SigningKeys.generate();

	private final RefreshTokens rotated = refresh(new HmacKeys(NEW, OLD));

	static AccessTokens access(SigningKeys keys) {
		return new AccessTokens(keys, "saasgate", "saasgate-api", Duration.ofMinutes(15), Duration.ofSeconds(60), CLOCK);
	}

	static SigningKeys slot(SigningKeys current, SigningKeys previous) {
		return new SigningKeys(current.privateJwk(), List.of(previous.publicKeys().get(0)));
	}

	static RefreshTokens refresh(HmacKeys keys) {
		return new RefreshTokens(keys, "saasgate", CLOCK);
	}

	static RefreshTokenClaims claims() {
		return new RefreshTokenClaims(UUID.randomUUID(), USER, UUID.randomUUID(), NOW.plus(Duration.ofDays(30)));
	}

	@Test
	void accessIssueSignsWithTheCurrentKeyAndNamesItInKid() {
		String token = access(slot(NEW_KEY, OLD_KEY)).issue(USER, "ada@example.com", "user").token();

		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"" + NEW_KEY.currentKeyId() + "\"");
		assertThat(access(NEW_KEY).verify(token).userId()).isEqualTo(USER);
		assertThatThrownBy(() -> access(OLD_KEY).verify(token)).isInstanceOf(UnknownKeyException.class);
	}

	@Test
	void accessVerifyWhenSignedWithEitherPublishedKeyThenAccepted() {
		// Step 1 publishes the next key beside the signing one, step 2 swaps them: both verify throughout.
		String old = access(OLD_KEY).issue(USER, "ada@example.com", "user").token();
		String next = access(NEW_KEY).issue(USER, "ada@example.com", "user").token();

		assertThat(access(slot(OLD_KEY, NEW_KEY)).verify(next).userId()).isEqualTo(USER);
		assertThat(access(slot(NEW_KEY, OLD_KEY)).verify(old).userId()).isEqualTo(USER);
	}

	@Test
	void accessVerifyWhenOldKeyRetiredThenRejected() {
		String old = access(OLD_KEY).issue(USER, "ada@example.com", "user").token();

		assertThatThrownBy(() -> access(NEW_KEY).verify(old)).isInstanceOf(UnknownKeyException.class)
			.hasMessageContaining("unknown key");
	}

	@Test
	void accessVerifyWhenKidSwappedForTheOtherPublishedKeyThenRejected() {
		String token = access(NEW_KEY).issue(USER, "ada@example.com", "user").token();
		String header = TestJwts.part(token, 0).replace(NEW_KEY.currentKeyId(), OLD_KEY.currentKeyId());

		assertThatThrownBy(() -> access(slot(NEW_KEY, OLD_KEY)).verify(TestJwts.replacePart(token, 0, header)))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void signingKeysWhenPreviousIsTheCurrentKeyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> slot(NEW_KEY, NEW_KEY)).withMessageContaining("differ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SigningKeys(JwkText.privateJson(NEW_KEY.privateJwk()),
					JwkText.publicJson(NEW_KEY.publicKeys().get(0))));
	}

	@Test
	void signingKeysPublishTheCurrentKeyFirstAndThePreviousOne() {
		SigningKeys rotating = slot(NEW_KEY, OLD_KEY);

		assertThat(rotating.publicKeys()).extracting((key) -> key.getId())
			.containsExactly(NEW_KEY.currentKeyId(), OLD_KEY.currentKeyId());
		assertThat(rotating.keyFor(OLD_KEY.currentKeyId())).isEqualTo(OLD_KEY.publicKeys().get(0));
		assertThat(rotating.toString()).contains(NEW_KEY.currentKeyId()).contains(OLD_KEY.currentKeyId());
		assertThat(new SigningKeys(JwkText.privateJson(NEW_KEY.privateJwk()), " ").publicKeys()).hasSize(1);
		assertThat(new SigningKeys(JwkText.privateJson(NEW_KEY.privateJwk()), null).publicKeys()).hasSize(1);
	}

	@Test
	void refreshIssueSignsWithTheCurrentKeyAndNamesItInKid() {
		RefreshTokenClaims claims = claims();
		String token = this.rotated.issue(claims);

		assertThat(TestJwts.part(token, 0)).contains("\"kid\":\"" + HmacKeys.keyId(HmacJwt.hmacKey(NEW)) + "\"");
		assertThat(refresh(HmacKeys.of(NEW)).verify(token)).isEqualTo(claims);
		assertThatThrownBy(() -> refresh(HmacKeys.of(OLD)).verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void refreshVerifyWhenSignedWithPreviousKeyThenAccepted() {
		RefreshTokenClaims claims = claims();

		assertThat(this.rotated.verify(refresh(HmacKeys.of(OLD)).issue(claims))).isEqualTo(claims);
	}

	@Test
	void refreshVerifyWhenSignedWithPreviousKeyAndPreviousAbsentThenRejected() {
		String token = refresh(HmacKeys.of(OLD)).issue(claims());

		assertThatThrownBy(() -> refresh(HmacKeys.of(NEW)).verify(token)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("unknown key");
	}

	@Test
	void refreshVerifyWhenSignedWithUnknownKeyThenRejected() {
		String token = refresh(HmacKeys.of(OTHER)).issue(claims());

		assertThatThrownBy(() -> this.rotated.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void refreshVerifyWhenKidTamperedThenRejected() {
		String token = refresh(HmacKeys.of(NEW)).issue(claims());
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
	void refreshVerifyWhenNoKidAndSignedWithCurrentOrPreviousKeyThenAccepted() {
		// As tokens issued before kids were written look.
		assertThat(this.rotated.verify(withoutKid(NEW)).userId()).isEqualTo(USER);
		assertThat(this.rotated.verify(withoutKid(OLD)).userId()).isEqualTo(USER);
		assertThat(refresh(HmacKeys.of(NEW)).verify(withoutKid(NEW)).userId()).isEqualTo(USER);
	}

	@Test
	void refreshVerifyWhenNoKidAndSignedWithNeitherKeyThenRejected() {
		assertThatThrownBy(() -> this.rotated.verify(withoutKid(OTHER))).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
		assertThatThrownBy(() -> refresh(HmacKeys.of(NEW)).verify(withoutKid(OLD)))
			.isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void refreshVerifyWhenSignedWithPreviousKeyThenOtherChecksStillApply() {
		String token = new RefreshTokens(HmacKeys.of(OLD), "someone-else", CLOCK).issue(claims());

		assertThatThrownBy(() -> this.rotated.verify(token)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("issuer");
	}

	private static String withoutKid(String secret) {
		String token = refresh(HmacKeys.of(secret)).issue(claims());
		return TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}", TestJwts.part(token, 1), "HmacSHA256", secret);
	}

}
