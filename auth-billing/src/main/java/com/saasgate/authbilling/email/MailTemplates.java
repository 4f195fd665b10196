package com.saasgate.authbilling.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders {@link TemplatedMail}s from {@code mail/<name>.txt} and {@code mail/<name>.html}:
 * {@code {{key}}} placeholders, values HTML-escaped in the HTML part. No template engine: the mails
 * are a few lines with a few values. A placeholder without a value is an error, never an empty gap.
 */
@Component
class MailTemplates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

	private final MailProperties properties;

	private final Map<String, String> sources = new ConcurrentHashMap<>();

	MailTemplates(MailProperties properties) {
		this.properties = properties;
	}

	/** Whether both parts of the template exist. */
	boolean exists(String template) {
		return new ClassPathResource("mail/" + template + ".txt").exists()
				&& new ClassPathResource("mail/" + template + ".html").exists();
	}

	/**
	 * @throws IllegalArgumentException when the template is missing or a placeholder has no value
	 */
	OutgoingMail render(TemplatedMail mail) {
		Map<String, String> values = new HashMap<>(mail.values());
		values.put("productName", this.properties.productName());
		String text = substitute(source(mail.template() + ".txt"), values, false);
		String html = substitute(source(mail.template() + ".html"), values, true);
		return new OutgoingMail(mail.to(), mail.subject(), text, html);
	}

	private String source(String file) {
		return this.sources.computeIfAbsent(file, MailTemplates::load);
	}

	private static String load(String file) {
		ClassPathResource resource = new ClassPathResource("mail/" + file);
		if (!resource.exists()) {
			throw new IllegalArgumentException("No mail template " + file);
		}
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String substitute(String source, Map<String, String> values, boolean html) {
		Matcher matcher = PLACEHOLDER.matcher(source);
		StringBuilder out = new StringBuilder(source.length() + 256);
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("No value for {{" + matcher.group(1) + "}}");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
