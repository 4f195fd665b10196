package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.util.unit.DataSize;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.SignedServiceTokens;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTokenFilterTests {

	private final ServiceTokenFilter filter = new ServiceTokenFilter(
			new GatewayServiceToken(new SignedServiceTokens("gateway", new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null),
					Clock.systemUTC()), Clock.systemUTC()),
			new GatewayProperties(new GatewayProperties.Jwt(null, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(5), "saasgate", "saasgate-api"),
					new GatewayProperties.ServiceToken(TestSecrets.GATEWAY_SIGNING_KEY, null),
					new GatewayProperties.Cors(List.of("http://localhost:3000")),
					new GatewayProperties.Routing("http://auth-billing:3001/", DataSize.ofMegabytes(10), DataSize.ofMegabytes(1),
						Duration.ofSeconds(2))));

	@Test
	void audienceOfWhenRouteGoesToAuthBillingThenAuthBilling() {
		assertThat(this.filter.audienceOf(route("http://auth-billing:3001"))).isEqualTo("auth-billing");
		assertThat(this.filter.audienceOf(route("http://AUTH-BILLING:3001/"))).isEqualTo("auth-billing");
	}

	@Test
	void audienceOfWhenRouteGoesElsewhereThenNoTokenAtAll() {
		assertThat(this.filter.audienceOf(route("http://auth-billing:3002"))).isNull();
		assertThat(this.filter.audienceOf(route("https://auth-billing:3001"))).isNull();
		assertThat(this.filter.audienceOf(route("http://memory:3001"))).isNull();
		assertThat(this.filter.audienceOf(null)).isNull();
	}

	private static Route route(String uri) {
		return Route.async().id("test").uri(uri).predicate((exchange) -> true).build();
	}

}
