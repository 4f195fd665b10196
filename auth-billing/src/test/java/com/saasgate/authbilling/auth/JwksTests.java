package com.saasgate.authbilling.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.SigningKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-billing's JWKS: the public keys of access tokens, and nothing a verifier could sign with. */
@IntegrationTest
class JwksTests {

	@Autowired
	Api api;

	@Test
	void jwksWhenFetchedThenTheCurrentAndPreviousPublicKeysWithAMaxAge() {
		Api.Response response = this.api.get("/.well-known/jwks.json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("max-age=300");
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(PublicKeySet.parse(body).publicKeys()).extracting((key) -> key.getId())
			.containsExactly(new SigningKeys(TestSecrets.JWT_SIGNING_KEY, null).currentKeyId(),
					new SigningKeys(TestSecrets.JWT_SIGNING_KEY_PREVIOUS, null).currentKeyId());
		// No private member of an EC or OKP JWK ("d"), no symmetric one ("k").
		assertThat(body).doesNotContain("\"d\"").doesNotContain("\"k\"");
	}

	@Test
	void accessTokenWhenVerifiedWithTheJwksAloneThenItsUser() {
		Session session = TestUsers.verifiedUser(this.api);
		PublicKeySet keys = PublicKeySet.parse(new String(this.api.get("/.well-known/jwks.json").body(), StandardCharsets.UTF_8));

		AccessTokens verifier = new AccessTokens(keys, "saasgate", "saasgate-api", Duration.ofSeconds(60), Clock.systemUTC());

		assertThat(verifier.verify(session.accessToken()).email()).isEqualTo(session.email());
	}

}
