package com.saasgate.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules every service applies to its secrets at start-up (api-contract.md section 8). A missing
 * secret, or one shorter than 32 bytes (the HS256 key size, RFC 7518 section 3.2), is always an
 * error; a placeholder such as {@code your-jwt-secret-change-in-production} is an error in the
 * {@code prod} profile and a warning elsewhere.
 */
public final class SecretPolicy {

	/** Appended to a key's variable to name the key being rotated out: {@code JWT_SECRET_PREVIOUS}. */
	public static final String PREVIOUS_SUFFIX = "_PREVIOUS";

	/** The shortest secret accepted. */
	public static final int MIN_LENGTH = 32;

	private SecretPolicy() {
	}

	/**
	 * @param secretsByVariable each secret keyed by the environment variable that sets it
	 * @param production whether the {@code prod} profile is active
	 */
	public static Verdict check(Map<String, String> secretsByVariable, boolean production) {
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		secretsByVariable.forEach((variable, value) -> {
			if (value == null || value.isBlank()) {
				errors.add(variable + " must be set");
			}
			else if (isPlaceholder(value) && tooShort(value)) {
				// An error in every profile: HS256 cannot use so short a key at all.
				errors.add(variable + " is a placeholder shorter than " + MIN_LENGTH + " characters; set a real secret");
			}
			else if (isPlaceholder(value) && production) {
				errors.add(variable + " is a placeholder; set a real secret");
			}
			else if (isPlaceholder(value)) {
				warnings.add(variable + " is a placeholder; set a real secret before production");
			}
			else if (tooShort(value)) {
				errors.add(variable + " must be at least " + MIN_LENGTH + " characters");
			}
		});
		return new Verdict(List.copyOf(errors), List.copyOf(warnings));
	}

	/**
	 * For secrets a service can run without (Stripe's keys: billing is then off): unset is fine, a
	 * placeholder is an error in {@code prod} and a warning elsewhere, and a value that does not
	 * start with one of {@code prefixes} (e.g. {@code sk_}) is always an error.
	 */
	public static Verdict checkOptional(String variable, String value, boolean production, String... prefixes) {
		if (value == null || value.isBlank()) {
			return new Verdict(List.of(), List.of());
		}
		if (isPlaceholder(value)) {
			String problem = variable + " is a placeholder; set a real secret";
			return production ? new Verdict(List.of(problem), List.of())
					: new Verdict(List.of(), List.of(problem + " before production"));
		}
		for (String prefix : prefixes) {
			if (value.startsWith(prefix)) {
				return new Verdict(List.of(), List.of());
			}
		}
		return new Verdict(List.of(variable + " must start with " + String.join(" or ", prefixes)), List.of());
	}

	/**
	 * For the previous key of a rotation, {@code <variable>_PREVIOUS}: unset (or blank) is fine; set,
	 * it follows the rules of {@link #check} and must differ from the current key, which must be set.
	 * @param variable the current key's variable, e.g. {@code JWT_SECRET}
	 */
	public static Verdict checkPrevious(String variable, String current, String previous, boolean production) {
		if (previous == null || previous.isBlank()) {
			return new Verdict(List.of(), List.of());
		}
		String previousVariable = variable + PREVIOUS_SUFFIX;
		Verdict verdict = check(Map.of(previousVariable, previous), production);
		List<String> errors = new ArrayList<>(verdict.errors());
		if (current == null || current.isBlank()) {
			errors.add(previousVariable + " is set but " + variable + " is not");
		}
		else if (current.equals(previous)) {
			errors.add(previousVariable + " must differ from " + variable);
		}
		return new Verdict(List.copyOf(errors), verdict.warnings());
	}

	private static boolean tooShort(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length < MIN_LENGTH;
	}

	/** Whether {@code value} is a placeholder such as {@code your-...-change-in-production}. */
	public static boolean isPlaceholder(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		return lower.startsWith("your-") || lower.contains("change-in-production") || lower.contains("changeme");
	}

	/** Errors stop start-up, one line each; warnings are logged. */
	public record Verdict(List<String> errors, List<String> warnings) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

}
