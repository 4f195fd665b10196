package com.saasgate.devsupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads the human part of a MIME message: its sender and its decoded text body. */
final class MailText {

	private MailText() {
	}

	static String from(MimeMessage message) throws MessagingException {
		Address[] from = message.getFrom();
		return (from != null) ? Arrays.stream(from).map(Address::toString).collect(Collectors.joining(", ")) : "";
	}

	/** The {@code text/plain} body, else the HTML one, else an empty string. */
	static String body(Part message) throws MessagingException, IOException {
		String plain = find(message, "text/plain");
		if (plain != null) {
			return plain;
		}
		String html = find(message, "text/html");
		return (html != null) ? html : "";
	}

	/** The {@code .txt} twin of a saved message: a few headers and the decoded text, for grep. */
	static String describe(CapturedMail mail) {
		return "To: " + mail.recipient() + "\nFrom: " + mail.from() + "\nSubject: " + mail.subject() + "\nReceived: "
				+ mail.receivedAt() + "\n\n" + mail.text() + (mail.text().endsWith("\n") ? "" : "\n");
	}

	private static String find(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return part.getContent().toString();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = find(multipart.getBodyPart(i), mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
