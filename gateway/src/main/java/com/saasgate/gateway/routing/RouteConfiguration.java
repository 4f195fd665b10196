package com.saasgate.gateway.routing;

import io.netty.channel.ChannelOption;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.quota.QuotaFilter;
import com.saasgate.gateway.ratelimit.RateLimitFilter;
import com.saasgate.gateway.security.GatewayServiceToken;
import com.saasgate.gateway.security.RequireUser;
import com.saasgate.gateway.tiercache.UserTierFilter;
import tools.jackson.databind.ObjectMapper;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The routes, in Java rather than YAML so that the filters needing a user are the same bean everywhere
 * and a typo fails compilation. Each of auth-billing's public paths {@code /api/X} ({@link PublicPaths},
 * no pattern) goes to {@code X} there, and {@code /api/{service}/**} to that upstream. Every
 * route with a user is rate limited by the user's effective tier; Stripe's webhooks and the public
 * auth routes are not (auth-billing limits those per client address).
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	/** {@code /api/auth/me} is {@code /auth/me} upstream. */
	private static final int API_PREFIX_PARTS = 1;

	/** {@code /api/intelligence/v1/chat} is {@code /v1/chat} upstream. */
	private static final int UPSTREAM_PREFIX_PARTS = 2;

	/**
	 * {@code GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS} on the proxy's HTTP client, once. Given as Spring Cloud
	 * Gateway's {@code httpclient.connect-timeout} instead, its routing filter applies it per request with
	 * {@code HttpClient.option}, which copies the client's whole configuration every time.
	 */
	@Bean
	HttpClientCustomizer upstreamConnectTimeout(GatewayProperties properties) {
		int millis = Math.toIntExact(properties.routing().upstreamConnectTimeout().toMillis());
		return (client) -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
	}

	@Bean
	Upstreams upstreams(ConfigurableEnvironment environment) {
		return Upstreams.discover(environment);
	}

	@Bean
	RouteLocator upstreamRoutes(RouteLocatorBuilder routes, Upstreams upstreams, RequireUser requireUser,
			UserTierFilter userTier, RateLimitFilter rateLimit, QuotaFilter quota) {
		RouteLocatorBuilder.Builder builder = routes.routes();
		for (Upstreams.Upstream upstream : upstreams.all()) {
			String prefix = "/api/" + upstream.name();
			builder.route("upstream-" + upstream.name(), route -> route.order(0)
				.path(prefix, prefix + "/", prefix + "/**")
				.filters(filters -> {
					filters.filter(requireUser).filter(userTier).filter(rateLimit);
					upstream.meteredResource().ifPresent((resource) -> filters.filter(quota.forResource(resource)));
					return filters.stripPrefix(UPSTREAM_PREFIX_PARTS);
				})
				.metadata(GatewayServiceToken.AUDIENCE_METADATA, upstream.name())
				.uri(upstream.url()));
		}
		return builder.build();
	}

	@Bean
	RouteLocator authBillingRoutes(RouteLocatorBuilder routes, GatewayProperties properties, RequireUser requireUser,
			UserTierFilter userTier, RateLimitFilter rateLimit, ObjectMapper json, Upstreams upstreams) {
		String authBilling = properties.routing().authBillingBaseUrl();
		return routes.routes()
			// The public API's description: auth-billing's, cut to what is routed here and put under /api
			// (ARCHITECTURE.md, "API docs"). Read-only, no token, not rate limited by tier.
			.route("api-docs", route -> route.order(-1)
				.method(HttpMethod.GET)
				.and()
				.path(PublicPaths.array(PublicPaths.API_DOCS))
				.filters(filters -> filters.setPath("/v3/api-docs")
					.modifyResponseBody(byte[].class, byte[].class, MediaType.APPLICATION_JSON_VALUE,
							new ApiDocsRewrite(json, upstreams.all())))
				.uri(authBilling))
			// Any method: a wrong one gets auth-billing's 405 after the token check. Paths are canonical
			// (RoutedPathFilter rewrote any other spelling of them, trailing slash included).
			.route("auth-user", route -> route.order(-1)
				.path(PublicPaths.array(PublicPaths.AUTH_USER))
				.filters(filters -> filters.filter(requireUser)
					.filter(userTier)
					.filter(rateLimit)
					.stripPrefix(API_PREFIX_PARTS))
				.uri(authBilling))
			// Stripe authenticates with its signature, which auth-billing checks: no token here, and the
			// body streams through as bytes (no filter reads, decodes or re-encodes it).
			.route("billing-webhooks", route -> route.order(-1)
				.path(PublicPaths.array(PublicPaths.WEBHOOKS))
				.filters(filters -> filters.stripPrefix(API_PREFIX_PARTS))
				.uri(authBilling))
			.route("billing-public", route -> route.order(-1)
				.path(PublicPaths.array(PublicPaths.BILLING_PUBLIC))
				.filters(filters -> filters.stripPrefix(API_PREFIX_PARTS))
				.uri(authBilling))
			.route("billing-user", route -> route.order(-1)
				.path(PublicPaths.array(PublicPaths.BILLING_USER))
				.filters(filters -> filters.filter(requireUser)
					.filter(userTier)
					.filter(rateLimit)
					.stripPrefix(API_PREFIX_PARTS))
				.uri(authBilling))
			.route("auth", route -> route.order(0)
				.path(PublicPaths.array(PublicPaths.AUTH_PUBLIC))
				.filters(filters -> filters.stripPrefix(API_PREFIX_PARTS))
				.uri(authBilling))
			.build();
	}

}
