package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.TestSecrets;
import java.util.Map;

import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayServiceTokenTests {

	private final MutableClock clock = new MutableClock(Instant.now());

	private final ServiceTokens serviceTokens = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, this.clock);

	private final GatewayServiceToken token = new GatewayServiceToken(this.serviceTokens, this.clock);

	@Test
	void getWhenGatewayHasOwnKeyThenSignedWithItForTheUpstream() {
		ServiceTokens withOwnKey = new ServiceTokens(new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET,
				Map.of("gateway", "gateway-own-key-0123456789abcdefghijklmnop")), this.clock);
		GatewayServiceToken ownKeyToken = new GatewayServiceToken(withOwnKey, this.clock);

		ServiceTokenClaims claims = withOwnKey.verify(ownKeyToken.get("auth-billing"), "auth-billing");

		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.signedWithOwnKey()).isTrue();
		// A verifier with the shared key only cannot take it for the gateway's.
		assertThatThrownBy(() -> this.serviceTokens.verify(ownKeyToken.get(), "auth-billing"))
			.isInstanceOf(InvalidTokenException.class);
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
