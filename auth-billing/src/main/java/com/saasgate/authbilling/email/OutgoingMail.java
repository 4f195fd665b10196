package com.saasgate.authbilling.email;

/** A plain-text email. */
public record OutgoingMail(String to, String subject, String text) {

	@Override
	public String toString() {
		return "OutgoingMail[subject=" + this.subject + "]";
	}

}
