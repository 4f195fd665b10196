package com.saasgate.authbilling.tier;

import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/** Users registered through the API (on {@code free_trial}, version 0), by id. */
final class TierTestUsers {

	private TierTestUsers() {
	}

	static UUID registered(Api api) {
		Api.Response response = api.post("/auth/register",
				Api.body("email", TestUsers.newEmail(), "password", TestUsers.PASSWORD, "name", "Ada"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.json().get("userId").asString());
	}

}
