package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.usage.UsageAccounts.Account;
import com.saasgate.authbilling.usage.UsageBatchRepository.CounterTotal;
import com.saasgate.authbilling.usage.UsageRepository.StoredKey;
import com.saasgate.authbilling.usage.UsageResponses.RecordResult;
import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.contract.QuotaExhaustedMessage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * A batch, set-based, in the caller's transaction: one statement each to find the users, claim the
 * keys, add every counter's total, read the holds, insert the events and store the answers. The rules
 * are a single record's, applied event by event in request order: a key seen earlier (before, or
 * earlier in the batch) answers its first result as a duplicate, a key with another body fails the
 * batch ({@code 422}), and each result's {@code used} is the counter after that event. Keys and
 * counters are locked in sorted order, so concurrent batches do not deadlock each other.
 */
@Component
class UsageBatches {

	private final UsageBatchRepository repository;

	private final UsageAccounts accounts;

	private final Outbox outbox;

	private final JsonMapper json;

	UsageBatches(UsageBatchRepository repository, UsageAccounts accounts, Outbox outbox, JsonMapper json) {
		this.repository = repository;
		this.accounts = accounts;
		this.outbox = outbox;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	List<RecordResult> record(String service, List<UsageEvent> events, Instant now) {
		Map<UUID, Account> accounts = accounts(events, now);
		RecordResult[] results = new RecordResult[events.size()];
		int[] sameAs = new int[events.size()];
		TreeMap<String, Integer> firstByKey = firstUses(events, sameAs);
		Set<String> claimed = this.repository.claimKeys(service, new ArrayList<>(firstByKey.keySet()),
				firstByKey.values().stream().map((i) -> events.get(i).requestHash()).toList(), now);
		replayEarlierKeys(service, events, firstByKey, claimed, results);
		List<Integer> fresh = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			String key = events.get(i).idempotencyKey();
			if (sameAs[i] < 0 && (key == null || claimed.contains(key))) {
				fresh.add(i);
			}
		}
		if (!fresh.isEmpty()) {
			apply(service, events, accounts, fresh, results, now);
		}
		for (int i = 0; i < events.size(); i++) {
			if (sameAs[i] >= 0) {
				results[i] = results[sameAs[i]].asDuplicate();
			}
		}
		return List.of(results);
	}

	private Map<UUID, Account> accounts(List<UsageEvent> events, Instant now) {
		Set<UUID> users = new LinkedHashSet<>();
		events.forEach((event) -> users.add(event.userId()));
		Map<UUID, Account> accounts = this.accounts.findAll(users, now);
		for (int i = 0; i < events.size(); i++) {
			if (!accounts.containsKey(events.get(i).userId())) {
				throw ApiException.invalidRequest("events[" + i + "]: There is no user " + events.get(i).userId() + ".");
			}
		}
		return accounts;
	}

	/** The first event of each key, sorted by key; later events of a key point at it (else -1). */
	private static TreeMap<String, Integer> firstUses(List<UsageEvent> events, int[] sameAs) {
		TreeMap<String, Integer> first = new TreeMap<>();
		for (int i = 0; i < events.size(); i++) {
			sameAs[i] = -1;
			String key = events.get(i).idempotencyKey();
			if (key == null) {
				continue;
			}
			Integer earlier = first.putIfAbsent(key, i);
			if (earlier != null) {
				if (!Arrays.equals(events.get(earlier).requestHash(), events.get(i).requestHash())) {
					throw reused(i);
				}
				sameAs[i] = earlier;
			}
		}
		return first;
	}

	private void replayEarlierKeys(String service, List<UsageEvent> events, Map<String, Integer> firstByKey,
			Set<String> claimed, RecordResult[] results) {
		List<String> earlier = firstByKey.keySet().stream().filter((key) -> !claimed.contains(key)).toList();
		Map<String, StoredKey> stored = this.repository.findKeys(service, earlier);
		for (String key : earlier) {
			int i = firstByKey.get(key);
			StoredKey first = stored.get(key);
			if (first == null || !Arrays.equals(first.requestHash(), events.get(i).requestHash())) {
				throw reused(i);
			}
			results[i] = this.json.readValue(first.result(), RecordResult.class).asDuplicate();
		}
	}

	/** Counts the fresh events: counters first (sorted, locking them), then holds, events and answers. */
	private void apply(String service, List<UsageEvent> events, Map<UUID, Account> accounts, List<Integer> fresh,
			RecordResult[] results, Instant now) {
		Map<String, List<Integer>> byCounter = new TreeMap<>();
		for (int i : fresh) {
			byCounter.computeIfAbsent(events.get(i).userId() + "/" + events.get(i).resourceType(), (k) -> new ArrayList<>())
				.add(i);
		}
		List<CounterTotal> totals = new ArrayList<>();
		byCounter.values().forEach((indexes) -> {
			UsageEvent first = events.get(indexes.get(0));
			long total = 0;
			for (int i : indexes) {
				total = Math.addExact(total, events.get(i).amount());
			}
			totals.add(new CounterTotal(first.userId(), first.resourceType(), accounts.get(first.userId()).period(), total));
		});
		Map<String, Long> used = this.repository.addToCounters(totals, now);
		Map<String, Long> held = this.repository.liveHolds(totals, now);
		for (CounterTotal counter : totals) {
			Account account = accounts.get(counter.userId());
			long limit = account.limit(counter.resourceType());
			long hold = held.getOrDefault(counter.key(), 0L);
			long running = used.get(counter.key()) - counter.amount();
			if (UsageAccounts.remaining(limit, running, hold) > 0
					&& UsageAccounts.remaining(limit, used.get(counter.key()), hold) == 0) {
				this.outbox.enqueue(Outbox.USER_QUOTA_EXHAUSTED,
						new QuotaExhaustedMessage(counter.userId(), counter.resourceType(), account.period().end()));
			}
			for (int i : byCounter.get(counter.key())) {
				running += events.get(i).amount();
				results[i] = new RecordResult(true, false, running, limit, UsageAccounts.remaining(limit, running, hold),
						account.period().end());
			}
		}
		List<UsageEvent> inserted = fresh.stream().map(events::get).toList();
		List<Long> ids = this.repository.insertEvents(service, inserted,
				inserted.stream().map((event) -> accounts.get(event.userId()).period()).toList(), now);
		storeAnswers(service, events, fresh, ids, results);
	}

	private void storeAnswers(String service, List<UsageEvent> events, List<Integer> fresh, List<Long> ids,
			RecordResult[] results) {
		Map<String, Integer> keyed = new LinkedHashMap<>();
		Map<Integer, Long> idOf = new HashMap<>();
		for (int n = 0; n < fresh.size(); n++) {
			int i = fresh.get(n);
			idOf.put(i, ids.get(n));
			if (events.get(i).idempotencyKey() != null) {
				keyed.put(events.get(i).idempotencyKey(), i);
			}
		}
		List<String> answers = new ArrayList<>();
		List<Long> eventIds = new ArrayList<>();
		keyed.values().forEach((i) -> {
			answers.add(this.json.writeValueAsString(results[i]));
			eventIds.add(idOf.get(i));
		});
		this.repository.setKeyResults(service, new ArrayList<>(keyed.keySet()), answers, eventIds);
	}

	private static ApiException reused(int index) {
		ApiException reused = UsageLedger.keyReused();
		return new ApiException(reused.status(), reused.code(), "events[" + index + "]: " + reused.getMessage());
	}

}
