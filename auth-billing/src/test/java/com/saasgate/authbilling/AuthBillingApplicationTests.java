package com.saasgate.authbilling;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthBillingApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void healthWhenDatabaseAndRedisUpThenUp() {
		Api.Response response = Api.local(this.port).get("/health");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("status").asString()).isEqualTo("UP");
		assertThat(response.json().get("checks").get("database").asString()).isEqualTo("UP");
		assertThat(response.json().get("checks").get("redis").asString()).isEqualTo("UP");
	}

}
