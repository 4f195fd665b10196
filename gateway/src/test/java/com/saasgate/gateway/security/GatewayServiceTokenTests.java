package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.TestSecrets;
import java.util.Map;

import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.SignedServiceTokens;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayServiceTokenTests {

	private final MutableClock clock = new MutableClock(Instant.now());

	private final SigningKeys keys = new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null);

	/** auth-billing's view: the gateway's public key only. */
	private final ServiceTokens serviceTokens = new ServiceTokens(new ServiceKeys(HmacKeys.of(TestSecrets.SERVICE_JWT_SECRET),
			Map.of(), Map.of("gateway", this.keys.publicKeys())), this.clock);

	private final GatewayServiceToken token = new GatewayServiceToken(new SignedServiceTokens("gateway", this.keys, this.clock),
			this.clock);

	@Test
	void getWhenSignedThenEs256WithTheGatewaysKeyVerifiedFromItsPublicHalf() {
		String token = this.token.get("auth-billing");

		ServiceTokenClaims claims = this.serviceTokens.verify(token, "auth-billing");
		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.signedWithOwnKey()).isTrue();
		assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0])))
			.contains("\"alg\":\"ES256\"").contains("\"kid\":\"" + this.keys.currentKeyId() + "\"");
		// The shared HMAC key, which other services hold, verifies nothing the gateway signs.
		assertThatThrownBy(() -> new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, this.clock).verify(token, "auth-billing"))
			.isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void getWhenForAUserThenReusedForThatUserAndUpstreamOnly() {
		String ada = this.token.get("memory", "ada");
		String bob = this.token.get("memory", "bob");

		assertThat(this.token.get("memory", "ada")).isSameAs(ada);
		assertThat(bob).isNotEqualTo(ada);
		assertThat(this.token.get("intelligence", "ada")).isNotEqualTo(ada);
		assertThat(this.serviceTokens.verify(ada, "memory").userId()).isEqualTo("ada");
		assertThat(this.serviceTokens.verify(bob, "memory").userId()).isEqualTo("bob");
		assertThat(this.serviceTokens.verify(this.token.get("memory"), "memory").userId()).isNull();
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.token.get("memory", "ada")).isNotEqualTo(ada);
	}

	@Test
	void getWhenTwoUpstreamsThenEachTokenCarriesItsOwnAudience() {
		String authBilling = this.token.get("auth-billing");
		String memory = this.token.get("memory");

		assertThat(this.serviceTokens.verify(authBilling, "auth-billing").service()).isEqualTo("gateway");
		assertThat(this.serviceTokens.verify(memory, "memory").service()).isEqualTo("gateway");
		assertThatThrownBy(() -> this.serviceTokens.verify(memory, "auth-billing"))
			.isInstanceOf(InvalidTokenException.class);
		assertThat(this.token.get()).isSameAs(authBilling);
	}

	@Test
	void getWhenCalledTwiceWithinFourMinutesThenSameToken() {
		String first = this.token.get();
		this.clock.advance(Duration.ofMinutes(3).plusSeconds(59));

		assertThat(this.token.get()).isSameAs(first);
	}

	@Test
	void getWhenOneMinuteBeforeExpiryThenNewToken() {
		String first = this.token.get();
		this.clock.advance(Duration.ofMinutes(4));

		String renewed = this.token.get();
		assertThat(renewed).isNotEqualTo(first);
		ServiceTokenClaims claims = this.serviceTokens.verify(renewed, "auth-billing");
		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.userId()).isNull();
		assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
