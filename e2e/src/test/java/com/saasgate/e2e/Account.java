package com.saasgate.e2e;

import java.util.UUID;

/** A user's credentials, unique per call so that tests never share an account. */
record Account(String email, String password) {

	static Account fresh() {
		String id = UUID.randomUUID().toString().substring(0, 12);
		return new Account("e2e-" + id + "@example.com", "Tall-Lantern-" + id);
	}

}
