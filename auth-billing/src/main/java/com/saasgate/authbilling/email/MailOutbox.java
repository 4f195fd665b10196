package com.saasgate.authbilling.email;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Queues mail in the caller's transaction: it is sent only if that transaction commits, and it
 * survives a crash right after the commit.
 */
@Component
public class MailOutbox {

	private static final String ENQUEUE = """
			INSERT INTO outbox (topic, payload) VALUES ('email', CAST(:payload AS jsonb))
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	MailOutbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(OutgoingMail mail) {
		String payload = this.json.writeValueAsString(
				Map.of("to", mail.to(), "subject", mail.subject(), "text", mail.text()));
		this.jdbc.sql(ENQUEUE).param("payload", payload).update();
	}

}
