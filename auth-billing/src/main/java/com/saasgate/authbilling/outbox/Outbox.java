package com.saasgate.authbilling.outbox;

import java.util.List;
import java.util.Set;

import com.saasgate.security.contract.Channel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

	/** A user's tier changed; the tier module's handler publishes it on the Redis channel of that name. */
	public static final String USER_TIER_CHANGED = Channel.USER_TIER_CHANGED.name();

	/** A user's resource ran out of quota; the usage module's handler publishes it on the Redis channel of that name. */
	public static final String USER_QUOTA_EXHAUSTED = Channel.USER_QUOTA_EXHAUSTED.name();

	/** Every topic the table accepts (its {@code outbox_topic_check} constraint). */
	public static final Set<String> TOPICS = Set.of(EMAIL, USER_TIER_CHANGED, USER_QUOTA_EXHAUSTED);

	private static final String INSERT = """
			INSERT INTO outbox (topic, payload) VALUES (:topic, CAST(:payload AS jsonb))
			""";

	/** Many messages of one topic in one statement: a batch job's side effects without a round trip each. */
	private static final String INSERT_ALL = """
			INSERT INTO outbox (topic, payload)
			SELECT :topic, CAST(p AS jsonb) FROM unnest(CAST(:payloads AS text[])) AS p
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	Outbox(JdbcClient jdbc, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
		this.jdbc = jdbc;
		this.json = json;
		this.relay = relay;
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
		wakeRelayAfterCommit();
	}

	/** Delivery starts right after the commit instead of at the relay's next poll. */
	private void wakeRelayAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.relay.ifAvailable(OutboxRelay::wake);
			}
		});
	}

	/**
	 * Queues many messages of one topic with one statement, in the caller's transaction.
	 * @param topic one of {@link #TOPICS}
	 * @param payloads JSON-serialisable objects or {@code JsonNode}s
	 * @throws IllegalArgumentException for a topic the outbox does not know
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueueAll(String topic, List<?> payloads) {
		if (!TOPICS.contains(topic)) {
			throw new IllegalArgumentException("Unknown outbox topic " + topic);
		}
		if (payloads.isEmpty()) {
			return;
		}
		String[] json = new String[payloads.size()];
		for (int i = 0; i < json.length; i++) {
			json[i] = this.json.writeValueAsString(payloads.get(i));
		}
		this.jdbc.sql(INSERT_ALL).param("topic", topic).param("payloads", json).update();
	}

}
