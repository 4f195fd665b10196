package com.saasgate.authbilling.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens signed with the keys being rotated out ({@code *_PREVIOUS}, set in every integration test)
 * are still accepted, each only where its current key would be.
 */
@IntegrationTest
class KeyRotationTests {

	/** As the services signed before the rotation: the gateway with its old own key, others with the old shared one. */
	private static final ServiceTokens BEFORE_ROTATION = new ServiceTokens(
			new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET_PREVIOUS,
					Map.of("gateway", TestSecrets.SERVICE_JWT_SECRET_GATEWAY_PREVIOUS)),
			Clock.systemUTC());

	@Autowired
	Api api;

	@Test
	void serviceTokenWhenSignedWithPreviousSharedKeyThenAccepted() {
		Api.Response response = this.api.get("/trials/stats", header(BEFORE_ROTATION.issue("ops", "auth-billing", null,
				Duration.ofMinutes(1))));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void serviceTokenWhenGatewaySignedWithAnHmacKeyOfItsOwnThenServiceAuthRequired() {
		// The gateway registered its public key (SERVICE_PUBLIC_KEY_GATEWAY): its HMAC keys, current or
		// previous, left set from before, verify nothing; an upstream that once held one cannot be the gateway.
		String userId = userId(TestUsers.verifiedUser(this.api));
		ServiceTokens currentHmac = new ServiceTokens(new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET,
				Map.of("gateway", TestSecrets.SERVICE_JWT_SECRET_GATEWAY)), Clock.systemUTC());

		for (ServiceTokens hmac : List.of(BEFORE_ROTATION, currentHmac)) {
			Api.Response response = this.api.get("/usage/quota?userId=" + userId + "&resourceType=llm_tokens",
					header(hmac.issue("gateway", "auth-billing", null, Duration.ofMinutes(1))));

			assertThat(response.status()).as(response.toString()).isEqualTo(401);
			assertThat(response.code()).isEqualTo("service_auth_required");
		}
		assertThat(this.api.get("/usage/quota?userId=" + userId + "&resourceType=llm_tokens",
				TestServiceTokens.header("gateway")).status()).as("signed with GATEWAY_SIGNING_KEY").isEqualTo(200);
	}

	@Test
	void serviceTokenWhenPreviousKeyOfGatewayPresentedAsOpsThenServiceAuthRequired() {
		// ops has no key of its own: its tokens are valid under the shared key only, old or new.
		ServiceTokens gatewayKeyAsOps = new ServiceTokens(
				new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET_GATEWAY_PREVIOUS, Map.of()), Clock.systemUTC());

		Api.Response response = this.api.get("/trials/stats",
				header(gatewayKeyAsOps.issue("ops", "auth-billing", null, Duration.ofMinutes(1))));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("service_auth_required");
	}

	@Test
	void serviceTokenWhenSignedWithUnknownKeyThenServiceAuthRequired() {
		ServiceTokens unknown = new ServiceTokens("an-unknown-service-secret-0123456789abcdefghijklmn",
				Clock.systemUTC());

		Api.Response response = this.api.get("/trials/stats",
				header(unknown.issue("ops", "auth-billing", null, Duration.ofMinutes(1))));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("service_auth_required");
	}

	@Test
	void accessTokenWhenSignedWithPreviousKeyThenAccepted() {
		Session session = TestUsers.verifiedUser(this.api);
		String userId = userId(session);
		String old = new AccessTokens(new SigningKeys(TestSecrets.JWT_SIGNING_KEY_PREVIOUS, null), "saasgate",
				"saasgate-api", Duration.ofMinutes(15), Duration.ofSeconds(60), Clock.systemUTC())
			.issue(java.util.UUID.fromString(userId), session.email(), "user")
			.token();

		Api.Response response = this.api.get("/auth/me", Api.bearer(old));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("userId").asString()).isEqualTo(userId);
	}

	private String userId(Session session) {
		return this.api.get("/auth/me", Api.bearer(session.accessToken())).json().get("userId").asString();
	}

	private static String[] header(String token) {
		return new String[] { "X-Service-Token", token };
	}

}
