package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.usage.UsageAccounts.Account;
import com.saasgate.security.contract.QuotaExhaustedMessage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one usage event and adds it to its counter, in the caller's transaction, and queues
 * {@code user_quota_exhausted} when the event takes the resource's remaining quota from above 0 to 0.
 * The counter's update locks its row until commit, so concurrent events of one counter are applied in
 * turn and exactly one of them sees the crossing.
 */
@Component
class UsageWriter {

	private final UsageRepository repository;

	private final Outbox outbox;

	UsageWriter(UsageRepository repository, Outbox outbox) {
		this.repository = repository;
		this.outbox = outbox;
	}

	/**
	 * @param droppedHold the amount of a hold this event ends (a commit), counted before and not after
	 * @param heldByCounter live holds per counter already read in this transaction (a batch), or an
	 * empty map; exact while the transaction holds the counter's row lock, which every new hold needs
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Written write(String service, UsageEvent event, Account account, UUID reservationId, long droppedHold,
			Instant now, Map<String, Long> heldByCounter) {
		UsagePeriod period = account.period();
		String type = event.resourceType();
		// The counter first: its row lock makes a reserve of the same counter finish before the holds are read.
		long used = this.repository.addToCounter(account.userId(), type, period, event.amount(), now);
		long heldBefore = heldByCounter.computeIfAbsent(account.userId() + "/" + type,
				(counter) -> this.repository.liveHolds(account.userId(), type, period, now));
		long eventId = this.repository.insertEvent(service, event, period, reservationId, now);
		long limit = account.limit(type);
		long heldAfter = Math.max(0, heldBefore - droppedHold);
		long before = UsageAccounts.remaining(limit, used - event.amount(), heldBefore);
		long remaining = UsageAccounts.remaining(limit, used, heldAfter);
		if (before > 0 && remaining == 0) {
			this.outbox.enqueue(Outbox.USER_QUOTA_EXHAUSTED, new QuotaExhaustedMessage(account.userId(), type, period.end()));
		}
		return new Written(eventId, used, limit, remaining, period.end());
	}

	/** What the event left. */
	record Written(long eventId, long used, long limit, long remaining, Instant periodEnd) {
	}

}
