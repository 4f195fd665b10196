package com.saasgate.security.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.security.jwt.InvalidTokenException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTokenCommandTests {

	private static final String SHARED = "shared-service-secret-0123456789abcdefghij";

	private static final String GATEWAY = "gateway-own-service-secret-0123456789abcdef";

	private final ServiceTokens verifier = new ServiceTokens(new ServiceKeys(SHARED, Map.of("gateway", GATEWAY)),
			Clock.systemUTC());

	@Test
	void mintWhenOnlySharedSecretThenATokenOfTheServiceForAuthBilling() {
		String token = ServiceTokenCommand.mint(new String[] { "intelligence" }, Map.of("SERVICE_JWT_SECRET", SHARED),
				Clock.systemUTC());

		ServiceTokenClaims claims = this.verifier.verify(token, "auth-billing");
		assertThat(claims.service()).isEqualTo("intelligence");
		assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void mintWhenServiceHasItsOwnSecretThenSignedWithIt() {
		String token = ServiceTokenCommand.mint(new String[] { "gateway", "--ttl", "60", "--user", "u-1" },
				Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY), Clock.systemUTC());

		ServiceTokenClaims claims = this.verifier.verify(token, "auth-billing");
		assertThat(claims.signedWithOwnKey()).isTrue();
		assertThat(claims.userId()).isEqualTo("u-1");
		assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void mintWhenAudienceGivenThenOnlyThatAudienceAccepts() {
		String token = ServiceTokenCommand.mint(new String[] { "ops", "--audience", "memory" },
				Map.of("SERVICE_JWT_SECRET", SHARED), Clock.systemUTC());

		assertThat(this.verifier.verify(token, "memory").service()).isEqualTo("ops");
		assertThatThrownBy(() -> this.verifier.verify(token, "auth-billing")).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void mintWhenNoSecretOrBadArgumentsThenRefused() {
		assertThatThrownBy(() -> ServiceTokenCommand.mint(new String[] { "ops" }, Map.of(), Clock.systemUTC()))
			.hasMessageContaining("SERVICE_JWT_SECRET");
		assertThatThrownBy(() -> ServiceTokenCommand.mint(new String[] {}, Map.of("SERVICE_JWT_SECRET", SHARED),
				Clock.systemUTC())).hasMessageContaining("usage");
		assertThatThrownBy(() -> ServiceTokenCommand.mint(new String[] { "ops", "--ttl", "301" },
				Map.of("SERVICE_JWT_SECRET", SHARED), Clock.systemUTC())).hasMessageContaining("--ttl");
		assertThatThrownBy(() -> ServiceTokenCommand.mint(new String[] { "ops", "--ttl" },
				Map.of("SERVICE_JWT_SECRET", SHARED), Clock.systemUTC())).hasMessageContaining("usage");
	}

}
