package com.saasgate.authbilling.email;

import java.util.Map;
import java.util.Objects;

/**
 * A mail made from the templates {@code mail/<template>.txt} and {@code mail/<template>.html} on the
 * class path, rendered when it is sent. Only the name and the values are queued, which keeps a batch
 * job's queue rows small. Every {@code {{name}}} of a template is replaced by its value (HTML-escaped
 * in the HTML part); {@code productName} is always set from {@code MAIL_PRODUCT_NAME}.
 *
 * @param template a template name: lower-case letters, digits and dashes
 * @param values the placeholders' values
 */
public record TemplatedMail(String to, String subject, String template, Map<String, String> values) {

	public TemplatedMail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		if (template == null || !template.matches("[a-z0-9-]{1,64}")) {
			throw new IllegalArgumentException("A template name is lower-case letters, digits and dashes");
		}
		values = Map.copyOf(values);
	}

	@Override
	public String toString() {
		return "TemplatedMail[template=" + this.template + "]";
	}

}
