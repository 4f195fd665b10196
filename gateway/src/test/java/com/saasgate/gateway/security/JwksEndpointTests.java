package com.saasgate.gateway.security;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /.well-known/jwks.json} on the gateway's public port: auth-billing's access-token keys and
 * the gateway's own service-token keys, current and previous, with a max age, and nothing private.
 */
class JwksEndpointTests extends GatewayTestSupport {

	@Test
	void jwksWhenFetchedThenAccessAndServiceTokenPublicKeysOnly() {
		var response = this.client.get().uri("/.well-known/jwks.json").exchange();

		response.expectStatus().isOk().expectHeader().valueMatches("Cache-Control", ".*max-age=300.*");
		String body = response.expectBody(String.class).returnResult().getResponseBody();
		// The access-token keys are those last fetched from auth-billing (another test may have published one more).
		assertThat(PublicKeySet.parse(body).publicKeys()).extracting((key) -> key.getId())
			.contains(new SigningKeys(TestSecrets.JWT_SIGNING_KEY, null).currentKeyId(),
					new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null).currentKeyId(),
					new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY_PREVIOUS, null).currentKeyId());
		assertThat(body).doesNotContain("\"d\"").doesNotContain("\"k\"");
	}

}
