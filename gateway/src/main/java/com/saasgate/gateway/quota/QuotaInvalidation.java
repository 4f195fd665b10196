package com.saasgate.gateway.quota;

import com.saasgate.gateway.tiercache.ChannelsSubscribed;
import com.saasgate.gateway.tiercache.UserTierChanged;
import com.saasgate.security.contract.QuotaExhaustedMessage;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drops cached quota answers when they may be wrong: a user's tier changed (another quota applies),
 * auth-billing announced their quota ran out ({@code user_quota_exhausted}), or the Redis
 * subscription (re)connected and messages may have been missed (all of them).
 */
@Component
class QuotaInvalidation {

	private final QuotaCache cache;

	QuotaInvalidation(QuotaCache cache) {
		this.cache = cache;
	}

	@EventListener
	void on(UserTierChanged event) {
		this.cache.dropUser(event.userId());
	}

	@EventListener
	void on(QuotaExhaustedMessage event) {
		this.cache.dropUser(event.userId());
	}

	@EventListener
	void on(ChannelsSubscribed event) {
		this.cache.dropAll();
	}

}
