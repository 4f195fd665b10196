package com.saasgate.authbilling.email;

/**
 * An email: a plain-text body and, optionally, an HTML alternative of the same content (sent as
 * {@code multipart/alternative}).
 *
 * @param html the HTML part, or {@code null} for a text-only mail
 */
public record OutgoingMail(String to, String subject, String text, String html) {

	/** A text-only mail. */
	public OutgoingMail(String to, String subject, String text) {
		this(to, subject, text, null);
	}

	@Override
	public String toString() {
		return "OutgoingMail[subject=" + this.subject + ", html=" + (this.html != null) + "]";
	}

}
