package com.saasgate.devsupport;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message delivered to the {@link MailCatcher}, as the recipient's mailbox got it.
 *
 * @param sequence the order of arrival in this run, from 1
 * @param receivedAt when the catcher took it
 * @param recipient the envelope recipient (one capture per recipient)
 * @param from the {@code From} header
 * @param subject the decoded subject
 * @param text the decoded {@code text/plain} body (the HTML body when there is no plain one)
 * @param file the raw message, saved as {@code .eml}
 */
public record CapturedMail(int sequence, Instant receivedAt, String recipient, String from, String subject,
		String text, Path file) {

	private static final String TOKEN = "[A-Za-z0-9_-]+";

	/**
	 * The token of the first link to {@code path} in the body, e.g. {@code tokenFor("verify-email")} for
	 * {@code http://localhost:3000/verify-email?token=abc}.
	 */
	public Optional<String> tokenFor(String path) {
		Matcher matcher = Pattern.compile("/" + Pattern.quote(path) + "\\?token=(" + TOKEN + ")").matcher(this.text);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
