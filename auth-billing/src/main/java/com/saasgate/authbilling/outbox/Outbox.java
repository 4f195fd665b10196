package com.saasgate.authbilling.outbox;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a side effect in the caller's transaction: it is delivered only if that transaction
 * commits, and it survives a crash right after the commit. Delivery is at least once, after commit,
 * by the handler of the message's topic.
 */
@Component
public class Outbox {

	/** Mail, delivered by the email module's handler. */
	public static final String EMAIL = "email";

	/** A user's tier changed; the tier module's handler publishes it on Redis. */
	public static final String USER_TIER_CHANGED = "user_tier_changed";

	/** A user's resource ran out of quota; the usage module's handler publishes it on Redis. */
	public static final String USER_QUOTA_EXHAUSTED = "user_quota_exhausted";

	/** Every topic the table accepts (its {@code outbox_topic_check} constraint). */
	public static final Set<String> TOPICS = Set.of(EMAIL, USER_TIER_CHANGED, USER_QUOTA_EXHAUSTED);

	private static final String INSERT = """
			INSERT INTO outbox (topic, payload) VALUES (:topic, CAST(:payload AS jsonb))
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Outbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Queues a message.
	 * @param topic one of {@link #TOPICS}
	 * @param payload a JSON-serialisable object or a {@code JsonNode}
	 * @throws IllegalArgumentException for a topic the outbox does not know
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(String topic, Object payload) {
		if (!TOPICS.contains(topic)) {
			throw new IllegalArgumentException("Unknown outbox topic " + topic);
		}
		this.jdbc.sql(INSERT).param("topic", topic).param("payload", this.json.writeValueAsString(payload)).update();
	}

}
