package com.saasgate.gateway.quota;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The quota check of metered routes.
 *
 * @param cacheTtl {@code GATEWAY_QUOTA_CACHE_TTL}, how long an answer of {@code GET /usage/quota} is
 * reused per (user, resource); default {@code 5s}
 * @param cacheMaxSize {@code GATEWAY_QUOTA_CACHE_MAX_SIZE}, the most answers held; default {@code 100000}
 * @param timeout {@code GATEWAY_QUOTA_TIMEOUT}, how long auth-billing may take to answer; default {@code 1s}
 * @param upgradeUrl {@code GATEWAY_UPGRADE_URL}, the {@code upgradeUrl} of a {@code quota_exceeded} body;
 * default {@code FRONTEND_URL} + {@code /billing}
 */
@ConfigurationProperties("gateway.quota")
@Validated
record QuotaProperties(@NotNull(message = "GATEWAY_QUOTA_CACHE_TTL must be set") @DefaultValue("5s") Duration cacheTtl,
		@Positive(message = "GATEWAY_QUOTA_CACHE_MAX_SIZE must be positive") @DefaultValue("100000") long cacheMaxSize,
		@NotNull(message = "GATEWAY_QUOTA_TIMEOUT must be set") @DefaultValue("1s") Duration timeout,
		@NotBlank(message = "GATEWAY_UPGRADE_URL must not be blank") @DefaultValue("http://localhost:3000/billing") String upgradeUrl) {
}
