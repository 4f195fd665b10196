package com.saasgate.authbilling.billing;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PortalTests extends BillingTestSupport {

	@Test
	void portalWhenCustomerExistsThenAnswersSessionUrl() {
		StripeFake.stub(StripeFake.PORTAL_SESSIONS, StripeFake.portalSession("bps_test_1"));
		User user = user();
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_portal' WHERE id = ?", user.id());

		Api.Response response = this.api.post("/billing/portal", Api.body(), user.bearer());

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("url").asString()).isEqualTo("https://billing.stripe.com/p/session/bps_test_1");
		assertThat(StripeFake.form(StripeFake.posts(StripeFake.PORTAL_SESSIONS).get(0)))
			.contains("customer=cus_portal", "return_url=https://app.example.com/billing");
	}

	@Test
	void portalWhenNoCustomerThenNoCustomer() {
		User user = user();

		Api.Response response = this.api.post("/billing/portal", Api.body(), user.bearer());

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.code()).isEqualTo("no_customer");
		assertThat(StripeFake.server().getAllServeEvents()).isEmpty();
	}

}
