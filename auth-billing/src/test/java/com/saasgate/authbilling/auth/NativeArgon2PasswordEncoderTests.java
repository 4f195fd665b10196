package com.saasgate.authbilling.auth;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The native encoder and Spring's Java one must read each other's hashes: stored hashes outlive both. */
class NativeArgon2PasswordEncoderTests {

	private static final String PASSWORD = "correct horse battery staple ✓";

	private final NativeArgon2PasswordEncoder nativeEncoder = NativeArgon2PasswordEncoder.loaded(16, 32, 1, 1024, 2);

	private final Argon2PasswordEncoder javaEncoder = new Argon2PasswordEncoder(16, 32, 1, 1024, 2);

	@Test
	void matchesWhenHashMadeBySpringsJavaEncoderThenVerifies() {
		String hash = this.javaEncoder.encode(PASSWORD);

		assertThat(this.nativeEncoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.nativeEncoder.matches(PASSWORD + "!", hash)).isFalse();
	}

	@Test
	void encodeThenSpringsJavaEncoderVerifiesTheHash() {
		String hash = this.nativeEncoder.encode(PASSWORD);

		assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
		assertThat(this.javaEncoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.javaEncoder.matches("other password", hash)).isFalse();
	}

	@Test
	void encodeWhenSamePasswordTwiceThenDifferentSalts() {
		assertThat(this.nativeEncoder.encode(PASSWORD)).isNotEqualTo(this.nativeEncoder.encode(PASSWORD));
	}

	@Test
	void upgradeEncodingWhenCostDiffersThenTrue() {
		String cheaper = new NativeArgon2PasswordEncoder(16, 32, 1, 512, 1).encode(PASSWORD);

		assertThat(this.nativeEncoder.upgradeEncoding(cheaper)).isTrue();
		assertThat(this.nativeEncoder.upgradeEncoding(this.nativeEncoder.encode(PASSWORD))).isFalse();
	}

	@Test
	void matchesWhenStoredHashMalformedThenFalse() {
		assertThat(this.nativeEncoder.matches(PASSWORD, "$argon2id$v=19$garbage")).isFalse();
		assertThat(this.nativeEncoder.matches(PASSWORD, "not a hash")).isFalse();
		assertThat(this.nativeEncoder.matches(PASSWORD, null)).isFalse();
	}

}
