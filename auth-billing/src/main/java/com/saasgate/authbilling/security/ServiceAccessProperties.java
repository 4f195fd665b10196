package com.saasgate.authbilling.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which services may call which internal endpoints (API contract section 6), by the {@code iss} of
 * their service token.
 *
 * @param usage {@code SERVICE_AUTH_ALLOWED_USAGE}: {@code /usage/record}, {@code /usage/record/batch},
 * {@code /usage/quota}, {@code /usage/reserve}, {@code /usage/reservations/**}; default
 * {@code intelligence,memory,gateway}
 * @param trials {@code SERVICE_AUTH_ALLOWED_TRIALS}: {@code /trials/**}; default {@code ops}
 * @param outbox {@code SERVICE_AUTH_ALLOWED_OUTBOX}: {@code /internal/outbox/**}; default {@code ops}
 * @param stripeEvents {@code SERVICE_AUTH_ALLOWED_STRIPE_EVENTS}: {@code /internal/stripe-events/**};
 * default {@code ops}
 * @param internal {@code SERVICE_AUTH_ALLOWED_INTERNAL}: every other {@code /internal/**}; default
 * {@code gateway}
 * @param tierAdmin {@code SERVICE_AUTH_ALLOWED_TIER_ADMIN}: {@code POST /internal/users/{id}/tier}, the
 * operators' tier change; default {@code ops}
 */
@ConfigurationProperties("service-auth.allowed")
@Validated
public record ServiceAccessProperties(@DefaultValue({ "intelligence", "memory", "gateway" }) List<String> usage,
		@DefaultValue("ops") List<String> trials, @DefaultValue("ops") List<String> outbox,
		@DefaultValue("ops") List<String> stripeEvents, @DefaultValue("gateway") List<String> internal,
		@DefaultValue("ops") List<String> tierAdmin) {

	public ServiceAccessProperties {
		usage = List.copyOf(usage);
		trials = List.copyOf(trials);
		outbox = List.copyOf(outbox);
		stripeEvents = List.copyOf(stripeEvents);
		internal = List.copyOf(internal);
		tierAdmin = List.copyOf(tierAdmin);
	}

}
