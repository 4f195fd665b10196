package com.saasgate.authbilling.outbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The handler of each topic. A topic without a handler on this instance is not claimed at all: its
 * rows stay pending, untouched and untried, until an instance that has one (a newer version during a
 * rolling deploy) delivers them; this is logged at start-up, and the pending gauge shows them.
 */
@Component
class OutboxHandlers {

	private static final Logger logger = LoggerFactory.getLogger(OutboxHandlers.class);

	private final Map<String, OutboxHandler> byTopic;

	OutboxHandlers(Collection<OutboxHandler> handlers) {
		for (OutboxHandler handler : handlers) {
			if (!Outbox.TOPICS.contains(handler.topic())) {
				throw new IllegalStateException("Outbox handler " + handler.getClass().getName()
						+ " is for unknown topic " + handler.topic());
			}
		}
		this.byTopic = handlers.stream()
			.collect(Collectors.toUnmodifiableMap(OutboxHandler::topic, Function.identity(), (a, b) -> {
				throw new IllegalStateException("Two outbox handlers for topic " + a.topic());
			}));
		Set<String> unhandled = new TreeSet<>(Outbox.TOPICS);
		unhandled.removeAll(this.byTopic.keySet());
		if (!unhandled.isEmpty()) {
			logger.info("Outbox topics without a handler on this instance, left pending: {}", unhandled);
		}
	}

	/** Handlers for a relay built by hand (tests). */
	static OutboxHandlers of(OutboxHandler... handlers) {
		return new OutboxHandlers(List.of(handlers));
	}

	Set<String> topics() {
		return this.byTopic.keySet();
	}

	Optional<OutboxHandler> forTopic(String topic) {
		return Optional.ofNullable(this.byTopic.get(topic));
	}

}
