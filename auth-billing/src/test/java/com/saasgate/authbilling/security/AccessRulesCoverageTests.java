package com.saasgate.authbilling.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request mapping of the service, found in Spring MVC's handler mapping, must have the rule this
 * test expects of it, and an anonymous call of it must get what that rule says. A new controller
 * method fails here until its path is given a rule (in {@link AccessRules} and in {@link #EXPECTED}),
 * so nothing becomes public by omission.
 */
@IntegrationTest
class AccessRulesCoverageTests {

	/** The rule each mapped path must have: the API contract's, sections 2 to 8. */
	static final Map<String, String> EXPECTED = Map.ofEntries(Map.entry("/auth/register", "public"),
			Map.entry("/auth/verify-email", "public"), Map.entry("/auth/resend-verification", "public"),
			Map.entry("/auth/login", "public"), Map.entry("/auth/refresh", "public"),
			Map.entry("/auth/logout", "public"), Map.entry("/auth/password/forgot", "public"),
			Map.entry("/auth/password/reset", "public"), Map.entry("/auth/me", "user"),
			Map.entry("/auth/logout-all", "user"), Map.entry("/billing/plans", "public"),
			Map.entry("/billing/webhooks", "public"), Map.entry("/billing/checkout", "user"),
			Map.entry("/billing/portal", "user"), Map.entry("/billing/subscription", "user"),
			Map.entry("/usage/summary", "user"), Map.entry("/usage/record", "service"),
			Map.entry("/usage/record/batch", "service"), Map.entry("/usage/quota", "service"),
			Map.entry("/usage/reserve", "service"), Map.entry("/usage/reservations/{id}/commit", "service"),
			Map.entry("/usage/reservations/{id}/release", "service"), Map.entry("/trials/stats", "service"),
			Map.entry("/trials/check", "service"), Map.entry("/health", "public"), Map.entry("/.well-known/jwks.json", "public"), Map.entry("/error", "public"),
			Map.entry("/v3/api-docs", "public"), Map.entry("/v3/api-docs.yaml", "public"),
			Map.entry("/v3/api-docs/{group}", "public"), Map.entry("/v3/api-docs.yaml/{group}", "public"));

	private static final Set<String> SERVICE_PREFIXES = Set.of("/internal/");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	Api api;

	@Autowired
	AccessRules rules;

	@Test
	void everyMappingWhenCalledAnonymouslyThenAnswersAsItsExpectedRule() {
		List<String> failures = new ArrayList<>();
		int checked = 0;
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String rule = expectedRule(pattern);
				if (rule == null) {
					failures.add(pattern + " is mapped but has no expected rule: give it one in AccessRules and here");
					continue;
				}
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					checked++;
					// The rule itself: a controller that refuses on its own must not hide a missing rule.
					String actual = ruleOf(method.name(), concrete(pattern));
					if (!rule.equals(actual)) {
						failures.add(method + " " + pattern + ": rule is " + actual + ", expected " + rule);
					}
					String failure = check(method.name(), concrete(pattern), rule);
					if (failure != null) {
						failures.add(method + " " + pattern + ": " + failure);
					}
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(checked).as("mappings checked").isGreaterThanOrEqualTo(12);
	}

	private String check(String method, String path, String rule) {
		Api.Response response = this.api.send(method, path, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json");
		return switch (rule) {
			case "public" -> (response.status() == 401 || response.status() == 403)
					? "expected public, got " + response : null;
			case "user" -> (response.status() == 401 && "authentication_required".equals(response.code())
					&& "Bearer".equals(response.header("WWW-Authenticate"))) ? null
							: "expected 401 authentication_required, got " + response;
			case "service" -> (response.status() == 401 && "service_auth_required".equals(response.code())) ? null
					: "expected 401 service_auth_required, got " + response;
			default -> "unknown rule " + rule;
		};
	}

	private String ruleOf(String method, String path) {
		AccessRules.Access access = this.rules.accessOf(new MockHttpServletRequest(method, path));
		if (access instanceof AccessRules.Public) {
			return "public";
		}
		if (access instanceof AccessRules.User) {
			return "user";
		}
		return (access instanceof AccessRules.Service) ? "service" : "none";
	}

	private static String expectedRule(String pattern) {
		String rule = EXPECTED.get(pattern);
		if (rule == null && SERVICE_PREFIXES.stream().anyMatch(pattern::startsWith)) {
			return "service";
		}
		return rule;
	}

	private static String concrete(String pattern) {
		return pattern.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
	}

}
