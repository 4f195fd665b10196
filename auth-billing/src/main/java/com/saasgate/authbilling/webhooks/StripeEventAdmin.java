package com.saasgate.authbilling.webhooks;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What operators do with stored events: list them by status, and put one back for the applier. */
@Service
class StripeEventAdmin {

	private static final Logger logger = LoggerFactory.getLogger(StripeEventAdmin.class);

	static final List<String> LISTABLE = List.of("pending", "failed");

	private final StripeEventRepository events;

	private final StripeEventApplier applier;

	StripeEventAdmin(StripeEventRepository events, StripeEventApplier applier) {
		this.events = events;
		this.applier = applier;
	}

	@Transactional(readOnly = true)
	List<StripeEventSummary> withStatus(String status, int limit) {
		if (!LISTABLE.contains(status)) {
			throw ApiException.invalidRequest("status must be one of " + LISTABLE + ".");
		}
		if (limit < 1 || limit > 1000) {
			throw ApiException.invalidRequest("limit must be between 1 and 1000.");
		}
		return this.events.oldestWithStatus(status, limit);
	}

	/** Makes the event pending again with a fresh set of attempts, whatever its status. */
	@Transactional
	void replay(String id) {
		if (!this.events.makePending(id)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no stored Stripe event with this id.");
		}
		this.applier.wakeAfterCommit();
		logger.info("Stripe event {} put back for applying", id);
	}

}
