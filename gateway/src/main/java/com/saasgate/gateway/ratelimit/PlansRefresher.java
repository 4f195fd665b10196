package com.saasgate.gateway.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Loads the tiers' {@code requestsPerMinute} from auth-billing's {@code GET /billing/plans} into
 * {@link PlanLimits}: once during start-up (waiting at most {@link #LOAD_TIMEOUT}, so a gateway started
 * before auth-billing still starts, on the fallback limits), then every {@code GATEWAY_PLANS_REFRESH};
 * a failed load is retried after {@code GATEWAY_PLANS_RETRY} and keeps the limits in force.
 */
@Component
class PlansRefresher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PlansRefresher.class);

	static final Duration LOAD_TIMEOUT = Duration.ofSeconds(2);

	/** The members read from each plan; the rest ({@code name}, {@code priceId}, ...) are not needed. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record PlanResponse(String tier, Map<String, Object> limits) {
	}

	private final PlanLimits limits;

	private final RateLimitProperties properties;

	private final WebClient authBilling;

	private volatile ScheduledExecutorService scheduler;

	PlansRefresher(PlanLimits limits, RateLimitProperties properties, GatewayProperties gateway) {
		this.limits = limits;
		this.properties = properties;
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) LOAD_TIMEOUT.toMillis())
			.responseTimeout(LOAD_TIMEOUT);
		this.authBilling = WebClient.builder()
			.baseUrl(gateway.routing().authBillingBaseUrl())
			.clientConnector(new ReactorClientHttpConnector(client))
			.build();
	}

	/** Loads the plans now; false (logged) when auth-billing did not answer with usable plans. */
	boolean refresh() {
		try {
			List<PlanResponse> plans = this.authBilling.get()
				.uri("/billing/plans")
				.retrieve()
				.bodyToFlux(PlanResponse.class)
				.collectList()
				.block(LOAD_TIMEOUT.plusSeconds(1));
			Map<String, Integer> perTier = new HashMap<>();
			for (PlanResponse plan : (plans != null) ? plans : List.<PlanResponse>of()) {
				Object rpm = (plan.limits() != null) ? plan.limits().get("requestsPerMinute") : null;
				if (plan.tier() != null && rpm instanceof Number number) {
					perTier.put(plan.tier(), number.intValue());
				}
			}
			if (perTier.isEmpty()) {
				log.warn("GET /billing/plans answered no requestsPerMinute; keeping the current rate limits");
				return false;
			}
			this.limits.update(perTier);
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Cannot load the plans from auth-billing ({}); keeping the current rate limits{}", ex.toString(),
					this.limits.loaded() ? "" : " (the GATEWAY_RATE_LIMIT_* fallbacks)");
			return false;
		}
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "plans-refresh");
			thread.setDaemon(true);
			return thread;
		});
		boolean loaded = refresh();
		schedule(loaded);
	}

	private void schedule(boolean lastLoaded) {
		Duration next = lastLoaded ? this.properties.plansRefresh() : this.properties.plansRetry();
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null || scheduler.isShutdown()) {
			return;
		}
		scheduler.schedule(() -> schedule(refresh()), next.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
