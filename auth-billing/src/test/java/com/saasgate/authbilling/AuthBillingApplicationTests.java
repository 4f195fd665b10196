package com.saasgate.authbilling;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthBillingApplicationTests {

	@Autowired
	Api api;

	@Test
	void healthWhenDatabaseAndRedisUpThenUp() {
		Api.Response response = this.api.get("/health");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("status").asString()).isEqualTo("UP");
		assertThat(response.json().get("checks").get("database").asString()).isEqualTo("UP");
		assertThat(response.json().get("checks").get("redis").asString()).isEqualTo("UP");
	}

}
