package com.saasgate.authbilling.outbox;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Performs the side effect of one topic's messages; implemented as a bean, one per topic. Called
 * outside any transaction, at least once per message (a replica may die after the effect and
 * before the row is marked), so the effect should be harmless to repeat. It must finish within
 * {@code outbox.handler-timeout}, which is what the claim lease is sized for.
 */
public interface OutboxHandler {

	/** The topic handled, one of {@link Outbox#TOPICS}. */
	String topic();

	/**
	 * Performs the side effect. A normal return marks the message delivered; a
	 * {@link PermanentDeliveryFailure} dead-letters it at once; any other exception schedules a
	 * retry with back-off, until the attempts run out.
	 */
	void handle(JsonNode payload) throws Exception;

	/**
	 * Top-level payload fields removed when the message is delivered, for data that must not be
	 * kept (single-use links in mail); none by default.
	 */
	default Set<String> dropOnDelivery() {
		return Set.of();
	}

}
