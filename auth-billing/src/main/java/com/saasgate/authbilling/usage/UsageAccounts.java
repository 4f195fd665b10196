package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.authbilling.billing.Plan;
import com.saasgate.authbilling.billing.Plans;
import com.saasgate.authbilling.billing.Subscription;
import com.saasgate.authbilling.billing.Subscriptions;
import com.saasgate.security.contract.Tier;

import org.springframework.stereotype.Component;

/** What limits a user at an instant: the plan of their effective tier and their current usage period. */
@Component
class UsageAccounts {

	private final UsageRepository repository;

	private final Plans plans;

	private final Subscriptions subscriptions;

	UsageAccounts(UsageRepository repository, Plans plans, Subscriptions subscriptions) {
		this.repository = repository;
		this.plans = plans;
		this.subscriptions = subscriptions;
	}

	/** Empty for a user that does not exist. */
	Optional<Account> find(UUID userId, Instant now) {
		return this.repository.findUser(userId).map((user) -> {
			Tier tier = Tier.effective(Tier.of(user.tier()), user.trialEndsAt(), now);
			UsagePeriod period = UsagePeriod.of(this.subscriptions.current(userId), now);
			return new Account(userId, tier, this.plans.plan(tier), period);
		});
	}

	/** {@link #find} of many users in two statements; users that do not exist are missing from the map. */
	Map<UUID, Account> findAll(Collection<UUID> userIds, Instant now) {
		Map<UUID, UsageRepository.UserPlanRow> users = this.repository.findUsers(userIds);
		Map<UUID, Subscription> subscriptions = this.subscriptions.current(users.keySet());
		Map<UUID, Account> accounts = new HashMap<>();
		users.forEach((userId, user) -> {
			Tier tier = Tier.effective(Tier.of(user.tier()), user.trialEndsAt(), now);
			UsagePeriod period = UsagePeriod.of(Optional.ofNullable(subscriptions.get(userId)), now);
			accounts.put(userId, new Account(userId, tier, this.plans.plan(tier), period));
		});
		return accounts;
	}

	/** A user, the tier that limits them, its plan and the period their usage counts in now. */
	record Account(UUID userId, Tier tier, Plan plan, UsagePeriod period) {

		long limit(String resourceType) {
			return this.plan.monthlyQuota(resourceType).orElse(0L);
		}

	}

	/** {@code limit - used - held}, never below 0, without overflow. */
	static long remaining(long limit, long used, long held) {
		if (used >= limit) {
			return 0;
		}
		long left = limit - used;
		return (held >= left) ? 0 : left - held;
	}

}
