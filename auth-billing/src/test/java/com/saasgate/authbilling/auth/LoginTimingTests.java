package com.saasgate.authbilling.auth;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * An unknown email must cost what a wrong password costs: one full password check, against a dummy
 * hash, so response times do not tell which emails have accounts.
 */
@IntegrationTest
class LoginTimingTests {

	@Autowired
	Api api;

	@MockitoSpyBean
	PasswordEncoder passwordEncoder;

	@Test
	void loginWhenEmailUnknownThenStillChecksOnePasswordHash() {
		clearInvocations(this.passwordEncoder);

		Api.Response response = this.api.post("/auth/login",
				Api.body("email", "nobody@example.com", "password", "wrong password 123"));

		assertThat(response.code()).isEqualTo("invalid_credentials");
		verify(this.passwordEncoder, times(1)).matches(eq("wrong password 123"), anyString());
	}

	@Test
	void loginWhenPasswordWrongThenChecksOnePasswordHash() {
		String email = TestUsers.verifiedUser(this.api).email();
		clearInvocations(this.passwordEncoder);

		this.api.post("/auth/login", Api.body("email", email, "password", "wrong password 123"));

		verify(this.passwordEncoder, times(1)).matches(eq("wrong password 123"), anyString());
	}

}
