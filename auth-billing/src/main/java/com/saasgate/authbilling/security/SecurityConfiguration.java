package com.saasgate.authbilling.security;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.servicetoken.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one filter chain: stateless (no session, so no CSRF token is needed: nothing is sent by a
 * browser on its own), no login page, no HTTP Basic, no generated password. Bearer access tokens
 * through the resource-server support, service tokens through {@link ServiceTokenAuthenticationFilter},
 * and a rule for every contract path ({@link AccessRules}); everything else {@code denyAll}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceAccessProperties.class)
class SecurityConfiguration {

	@Bean
	AccessRules accessRules(ServiceAccessProperties allowed) {
		return new AccessRules(allowed);
	}

	/**
	 * No Micrometer observation of each security filter, of authentication and of authorization: with
	 * an observation registry present, Spring Security wraps every filter of the chain in one and
	 * registers a meter per filter event, on every request, public paths included. A JFR profile of
	 * refreshes put that wrapping at about a tenth of auth-billing's CPU (docs/benchmarks.md, "Where a
	 * refresh's time goes"); no dashboard or alert reads those meters, and every request is still
	 * measured once by {@code http.server.requests}.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	JwtDecoder accessTokenDecoder(AccessTokens accessTokens) {
		return new AccessTokenDecoder(accessTokens);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessRules rules, JwtDecoder decoder,
			ServiceTokens serviceTokens, MeterRegistry meters, JsonMapper json) {
		SecurityProblems problems = new SecurityProblems(rules, json);
		ServiceAuthMetrics metrics = new ServiceAuthMetrics(meters, rules.services());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(new UserBearerTokenResolver(rules))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(UserAuthentication::of)))
			.addFilterBefore(new ServiceTokenAuthenticationFilter(serviceTokens, rules, problems, metrics),
					BearerTokenAuthenticationFilter.class)
			.authorizeHttpRequests((authorize) -> {
				for (AccessRules.Rule rule : rules.rules()) {
					var url = authorize.requestMatchers(rule.matcher());
					if (rule.access() instanceof AccessRules.Public) {
						url.permitAll();
					}
					else if (rule.access() instanceof AccessRules.User) {
						url.hasAuthority(UserAuthentication.AUTHORITY);
					}
					else if (rule.access() instanceof AccessRules.Service service) {
						url.access(new ServiceAllowList(service.allowed(), metrics));
					}
				}
				authorize.anyRequest().denyAll();
			});
		return http.build();
	}

}
