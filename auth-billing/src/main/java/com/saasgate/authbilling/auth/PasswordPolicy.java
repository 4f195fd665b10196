package com.saasgate.authbilling.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B rules: at least 10 characters, up to 256 (well past the 128 the guideline asks to
 * allow; never silently truncated: Argon2 hashes every byte), no composition rules, and not one of
 * the 10,000 most common passwords (shipped in {@code auth/common-passwords.txt}), one character
 * repeated, nor the account's own email.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 256;

	private static final String COMMON_PASSWORDS = "/auth/common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	/** Why the password is refused, or {@code null} when it is acceptable. */
	String problem(String password, String email) {
		if (password == null) {
			return "password is required";
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return "password must be at least " + MIN_LENGTH + " characters";
		}
		if (length > MAX_LENGTH) {
			return "password must be at most " + MAX_LENGTH + " characters";
		}
		if (password.codePoints().distinct().count() == 1) {
			return "password must not repeat a single character";
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			return "password is too common";
		}
		if (email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
			return "password must not be the email address";
		}
		return null;
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>(16_384);
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
			if (in == null) {
				throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					passwords.add(line.strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(passwords);
	}

}
