package com.saasgate.authbilling.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as accounts know them: trimmed, lower-cased, plausibly deliverable. */
final class Emails {

	// Deliberately loose (RFC 5321 sizes, one @, a dotted domain, no spaces): verification mail is
	// the real test of an address.
	private static final Pattern PLAUSIBLE = Pattern
		.compile("^[^\\s@\"(),:;<>\\[\\]\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");

	private Emails() {
	}

	static String normalise(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

	static boolean isPlausible(String normalised) {
		return normalised != null && normalised.length() <= 254 && PLAUSIBLE.matcher(normalised).matches();
	}

}
