package com.saasgate.authbilling.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.billing.Plan;
import com.saasgate.authbilling.usage.UsageAccounts.Account;
import com.saasgate.authbilling.usage.UsageRepository.StoredKey;
import com.saasgate.authbilling.usage.UsageResponses.Quota;
import com.saasgate.authbilling.usage.UsageResponses.RecordResult;
import com.saasgate.authbilling.usage.UsageResponses.ResourceUsage;
import com.saasgate.authbilling.usage.UsageResponses.Summary;
import com.saasgate.authbilling.usage.UsageWriter.Written;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records usage and answers what is left: the transaction boundary of record, batch, quota and
 * summary. An idempotency key is claimed with {@code INSERT ... ON CONFLICT DO NOTHING}, which waits
 * for a concurrent first use of the key to commit: the loser then reads the winner's stored answer, so
 * twenty concurrent retries count once and all answer the same.
 */
@Service
class UsageLedger {

	private final UsageRepository repository;

	private final UsageAccounts accounts;

	private final UsageWriter writer;

	private final UsageBatches batches;

	private final JsonMapper json;

	private final Clock clock;

	UsageLedger(UsageRepository repository, UsageAccounts accounts, UsageWriter writer, UsageBatches batches,
			JsonMapper json, Clock clock) {
		this.repository = repository;
		this.accounts = accounts;
		this.writer = writer;
		this.batches = batches;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	RecordResult record(String service, UsageEvent event) {
		Instant now = this.clock.instant();
		return record(service, event, account(event.userId(), now, new HashMap<>()), now, new HashMap<>());
	}

	/** All or nothing: one event that cannot be recorded fails the batch, and nothing is applied. */
	@Transactional
	List<RecordResult> recordBatch(String service, List<UsageEvent> events) {
		try {
			return this.batches.record(service, events, this.clock.instant());
		}
		catch (ArithmeticException ex) {
			throw ApiException.invalidRequest("The amounts of one counter add up past " + Long.MAX_VALUE + ".");
		}
	}

	@Transactional(readOnly = true)
	Quota quota(UUID userId, String resourceType) {
		Instant now = this.clock.instant();
		Account account = account(userId, now, new HashMap<>());
		long used = this.repository.used(userId, resourceType, account.period());
		long held = this.repository.liveHolds(userId, resourceType, account.period(), now);
		long limit = account.limit(resourceType);
		long remaining = UsageAccounts.remaining(limit, used, held);
		return new Quota(remaining > 0, used, limit, remaining, account.period().end());
	}

	@Transactional(readOnly = true)
	Summary summary(UUID userId) {
		Instant now = this.clock.instant();
		Account account = this.accounts.find(userId, now)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such user."));
		List<ResourceUsage> resources = new ArrayList<>();
		for (String type : Plan.RESOURCE_TYPES) {
			long used = this.repository.used(userId, type, account.period());
			long held = this.repository.liveHolds(userId, type, account.period(), now);
			long limit = account.limit(type);
			resources.add(new ResourceUsage(type, used, limit, UsageAccounts.remaining(limit, used, held)));
		}
		return new Summary(account.period().start(), account.period().end(), account.tier().value(), resources);
	}

	private RecordResult record(String service, UsageEvent event, Account account, Instant now,
			Map<String, Long> heldByCounter) {
		String key = event.idempotencyKey();
		if (key != null && !this.repository.insertKeyIfAbsent(service, key, event.requestHash(), now)) {
			StoredKey first = this.repository.findKey(service, key)
				.orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
			if (!Arrays.equals(first.requestHash(), event.requestHash())) {
				throw keyReused();
			}
			return this.json.readValue(first.result(), RecordResult.class).asDuplicate();
		}
		Written written = this.writer.write(service, event, account, null, 0, now, heldByCounter);
		RecordResult result = new RecordResult(true, false, written.used(), written.limit(), written.remaining(),
				written.periodEnd());
		if (key != null) {
			this.repository.setKeyResult(service, key, written.eventId(), this.json.writeValueAsString(result));
		}
		return result;
	}

	private Account account(UUID userId, Instant now, Map<UUID, Account> known) {
		Account account = known.get(userId);
		if (account == null) {
			account = this.accounts.find(userId, now)
				.orElseThrow(() -> ApiException.invalidRequest("There is no user " + userId + "."));
			known.put(userId, account);
		}
		return account;
	}

	static ApiException keyReused() {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
				"This Idempotency-Key was used before with a different request.");
	}

}
