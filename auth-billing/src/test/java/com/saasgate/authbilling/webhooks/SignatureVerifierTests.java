package com.saasgate.authbilling.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature rules, on a fixed clock. */
class SignatureVerifierTests {

	private static final String CURRENT = "whsec_unit_current_0123456789";

	private static final String PREVIOUS = "whsec_unit_previous_0123456789";

	private static final Instant NOW = Instant.parse("2026-11-24T06:14:13Z");

	private static final String PAYLOAD = "{\n  \"id\": \"evt_1\",\r\n  \"object\": \"event\", \"note\": \"Zürich €\"\n}";

	private final SignatureVerifier verifier = verifier(CURRENT, PREVIOUS);

	@Test
	void isValidWhenSignedNowWithCurrentSecretThenTrue() {
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, CURRENT, NOW))).isTrue();
	}

	@Test
	void isValidWhenSignedWithPreviousSecretThenTrue() {
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, PREVIOUS, NOW))).isTrue();
	}

	@Test
	void isValidWhenSignedWithForeignSecretThenFalse() {
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, "whsec_someone_else", NOW)))
			.isFalse();
	}

	@Test
	void isValidWhenBodyChangedByOneByteThenFalse() {
		String header = StripeEvents.signature(PAYLOAD, CURRENT, NOW);

		assertThat(this.verifier.isValid(PAYLOAD.replace("\r\n", "\n"), header)).isFalse();
		assertThat(this.verifier.isValid(PAYLOAD + " ", header)).isFalse();
	}

	@Test
	void isValidWhenHeaderMissingOrMalformedThenFalse() {
		assertThat(this.verifier.isValid(PAYLOAD, null)).isFalse();
		assertThat(this.verifier.isValid(PAYLOAD, "")).isFalse();
		assertThat(this.verifier.isValid(PAYLOAD, "garbage")).isFalse();
		assertThat(this.verifier.isValid(PAYLOAD, "t=abc,v1=00")).isFalse();
		String valid = StripeEvents.signature(PAYLOAD, CURRENT, NOW);
		assertThat(this.verifier.isValid(PAYLOAD, valid.replace("v1=", "v0="))).isFalse();
	}

	@Test
	void isValidWhenOlderThanToleranceThenFalse() {
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, CURRENT, NOW.minusSeconds(299))))
			.isTrue();
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, CURRENT, NOW.minusSeconds(301))))
			.isFalse();
	}

	@Test
	void isValidWhenFurtherThanToleranceInTheFutureThenFalse() {
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, CURRENT, NOW.plusSeconds(299))))
			.isTrue();
		assertThat(this.verifier.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, CURRENT, NOW.plusSeconds(301))))
			.isFalse();
	}

	@Test
	void verifyHeaderWhenTimestampFarInTheFutureThenStripeJavaAloneAcceptsIt() throws Exception {
		// Why SignatureVerifier checks the future itself: stripe-java 31 only refuses old timestamps.
		String header = StripeEvents.signature(PAYLOAD, CURRENT, NOW.plus(Duration.ofDays(1)));

		assertThat(Webhook.Signature.verifyHeader(PAYLOAD, header, CURRENT, 300, clock())).isTrue();
	}

	@Test
	void isValidWhenSeveralV1ValuesAndOneMatchesThenTrue() {
		long t = NOW.getEpochSecond();
		String header = "t=" + t + ",v1=" + StripeEvents.hmac(t + "." + PAYLOAD, "whsec_other") + ",v1="
				+ StripeEvents.hmac(t + "." + PAYLOAD, CURRENT);

		assertThat(this.verifier.isValid(PAYLOAD, header)).isTrue();
	}

	@Test
	void isValidWhenTwoTimestampsThenFalse() {
		long t = NOW.getEpochSecond();
		String header = "t=" + t + ",t=" + (t + 10_000) + ",v1=" + StripeEvents.hmac(t + "." + PAYLOAD, CURRENT);

		assertThat(this.verifier.isValid(PAYLOAD, header)).isFalse();
	}

	@Test
	void isValidWhenNoSecretConfiguredThenFalse() {
		SignatureVerifier none = verifier(null, "");

		assertThat(none.hasSecret()).isFalse();
		assertThat(none.isValid(PAYLOAD, StripeEvents.signature(PAYLOAD, "whsec_any", NOW))).isFalse();
	}

	private static SignatureVerifier verifier(String secret, String previous) {
		return new SignatureVerifier(new WebhookProperties(secret, previous, Duration.ofSeconds(300)), clock());
	}

	private static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
