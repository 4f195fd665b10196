package com.saasgate.authbilling.auth;

import java.util.Arrays;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id by the reference implementation (argon2-jvm: libargon2 through JNA) instead of Bouncy
 * Castle's Java one behind Spring's {@code Argon2PasswordEncoder}. Both read and write the same PHC
 * string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so stored hashes work with either. The
 * difference is the heap: the Java implementation allocates the whole Argon2 memory (19 MiB) as objects
 * for every hash, which on a small heap meant a young collection per hash and old-generation churn under
 * load (logins ran at a quarter of the hash rate with a 128 MiB heap: scripts/bench/login-bench,
 * 2026-12-01, docs/benchmarks.md "Bounded hashing"); here the memory is native, taken
 * and freed per hash, and bounded by the hashing slots.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private final Argon2 argon2;

	private final int iterations;

	private final int memoryKib;

	private final int parallelism;

	NativeArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKib, int iterations) {
		this.argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, saltLength, hashLength);
		this.iterations = iterations;
		this.memoryKib = memoryKib;
		this.parallelism = parallelism;
	}

	/** Loads the native library now, so that a platform without it is known at start-up. */
	static NativeArgon2PasswordEncoder loaded(int saltLength, int hashLength, int parallelism, int memoryKib,
			int iterations) {
		NativeArgon2PasswordEncoder encoder = new NativeArgon2PasswordEncoder(saltLength, hashLength, parallelism,
				memoryKib, iterations);
		encoder.encode("probe");
		return encoder;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		char[] password = chars(rawPassword);
		try {
			return this.argon2.hash(this.iterations, this.memoryKib, this.parallelism, password);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2")) {
			return false;
		}
		char[] password = chars(rawPassword);
		try {
			return this.argon2.verify(encodedPassword, password);
		}
		catch (RuntimeException ex) {
			// A malformed stored hash is a mismatch, as Spring's encoder treats it.
			return false;
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		if (encodedPassword == null || !encodedPassword.startsWith("$argon2")) {
			return false;
		}
		try {
			return this.argon2.needsRehash(encodedPassword, this.iterations, this.memoryKib, this.parallelism);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static char[] chars(CharSequence value) {
		char[] chars = new char[value.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = value.charAt(i);
		}
		return chars;
	}

}
