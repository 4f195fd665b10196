package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.util.List;

import com.saasgate.authbilling.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with dead letters: list them, put one or all back for delivery (with a fresh
 * set of attempts), or delete one. Dead letters are never pruned; they stay until one of these.
 */
@Service
class OutboxAdmin {

	private static final Logger logger = LoggerFactory.getLogger(OutboxAdmin.class);

	private final DeadLetterRepository deadLetters;

	private final Clock clock;

	OutboxAdmin(DeadLetterRepository deadLetters, Clock clock) {
		this.deadLetters = deadLetters;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<DeadLetter> deadLetters(int limit) {
		return this.deadLetters.newest(limit);
	}

	@Transactional
	void retry(long id) {
		if (!this.deadLetters.retry(id, this.clock.instant())) {
			throw notFound(id);
		}
		logger.info("Outbox dead letter {} put back for delivery", id);
	}

	@Transactional
	int retryAll() {
		int retried = this.deadLetters.retryAll(this.clock.instant());
		logger.info("Outbox: {} dead letters put back for delivery", retried);
		return retried;
	}

	@Transactional
	void delete(long id) {
		if (!this.deadLetters.delete(id)) {
			throw notFound(id);
		}
		logger.info("Outbox dead letter {} deleted", id);
	}

	private static ApiException notFound(long id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no dead letter " + id + ".");
	}

}
