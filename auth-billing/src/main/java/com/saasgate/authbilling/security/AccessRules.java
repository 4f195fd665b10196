package com.saasgate.authbilling.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every path of the API contract and who may call it. A rule holds for every method of its path
 * unless it names one (the operators' {@code POST /internal/users/{id}/tier}):
 * Spring MVC answers 405 for a method the path does not take, which tells nothing a caller may not
 * know. A path with no rule is refused (404).
 */
final class AccessRules {

	/** Who may call a path. */
	sealed interface Access permits Public, User, Service, Unknown {
	}

	/** Anyone. */
	record Public() implements Access {
	}

	/** A user with a valid access token. */
	record User() implements Access {
	}

	/** A service with a valid service token whose {@code iss} is in the list. */
	record Service(List<String> allowed) implements Access {
	}

	/** No rule: refused. */
	record Unknown() implements Access {
	}

	record Rule(String pattern, RequestMatcher matcher, Access access) {
	}

	static final List<String> PUBLIC = List.of("/auth/register", "/auth/verify-email", "/auth/resend-verification",
			"/auth/login", "/auth/refresh", "/auth/logout", "/auth/password/forgot", "/auth/password/reset",
			"/billing/plans", "/billing/webhooks", "/health", "/.well-known/jwks.json",
			// the actuator when a management port is not set; only what application.yml exposes
			"/actuator", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
			"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/error");

	static final List<String> USER = List.of("/auth/me", "/auth/logout-all", "/billing/checkout", "/billing/portal",
			"/billing/subscription", "/usage/summary");

	private static final List<String> USAGE = List.of("/usage/record", "/usage/record/batch", "/usage/quota",
			"/usage/reserve", "/usage/reservations/**");

	private final List<Rule> rules;

	private final Set<String> services;

	AccessRules(ServiceAccessProperties allowed) {
		List<Rule> list = new ArrayList<>();
		PUBLIC.forEach((path) -> list.add(rule(path, new Public())));
		USER.forEach((path) -> list.add(rule(path, new User())));
		USAGE.forEach((path) -> list.add(rule(path, new Service(allowed.usage()))));
		list.add(rule("/trials/**", new Service(allowed.trials())));
		// Before /internal/**: the first matching rule wins.
		list.add(rule("/internal/outbox/**", new Service(allowed.outbox())));
		list.add(rule("/internal/stripe-events/**", new Service(allowed.stripeEvents())));
		// Only the write: the gateway's read of the same path falls to /internal/**.
		list.add(rule(HttpMethod.POST, "/internal/users/*/tier", new Service(allowed.tierAdmin())));
		list.add(rule("/internal/**", new Service(allowed.internal())));
		this.rules = List.copyOf(list);
		Set<String> names = new TreeSet<>();
		names.addAll(allowed.usage());
		names.addAll(allowed.trials());
		names.addAll(allowed.outbox());
		names.addAll(allowed.stripeEvents());
		names.addAll(allowed.internal());
		names.addAll(allowed.tierAdmin());
		this.services = Set.copyOf(names);
	}

	List<Rule> rules() {
		return this.rules;
	}

	/** Every service named in an allow-list. */
	Set<String> services() {
		return this.services;
	}

	Access accessOf(HttpServletRequest request) {
		for (Rule rule : this.rules) {
			if (rule.matcher().matches(request)) {
				return rule.access();
			}
		}
		return new Unknown();
	}

	boolean isServicePath(HttpServletRequest request) {
		return accessOf(request) instanceof Service;
	}

	boolean isUserPath(HttpServletRequest request) {
		return accessOf(request) instanceof User;
	}

	private static Rule rule(String pattern, Access access) {
		return new Rule(pattern, PathPatternRequestMatcher.withDefaults().matcher(pattern), access);
	}

	private static Rule rule(HttpMethod method, String pattern, Access access) {
		return new Rule(method + " " + pattern, PathPatternRequestMatcher.withDefaults().matcher(method, pattern),
				access);
	}

}
