package com.saasgate.authbilling.support;

/** Secrets of the test configuration; long enough for HS256, obviously not production's. */
public final class TestSecrets {

	public static final String JWT_SECRET = "test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz";

	public static final String JWT_REFRESH_SECRET = "test-refresh-secret-0123456789abcdefghijklmnopqrstuvw";

	public static final String SERVICE_JWT_SECRET = "test-service-secret-0123456789abcdefghijklmnopqrstuvw";

	/** The gateway's own service key ({@code SERVICE_JWT_SECRET_GATEWAY}). */
	public static final String SERVICE_JWT_SECRET_GATEWAY = "test-gateway-service-secret-0123456789abcdefghijklmn";

	/** The keys being rotated out: every test service is in the middle of a rotation of each. */
	public static final String JWT_SECRET_PREVIOUS = "test-jwt-previous-secret-0123456789abcdefghijklmnopq";

	public static final String JWT_REFRESH_SECRET_PREVIOUS = "test-refresh-previous-secret-0123456789abcdefghijkl";

	public static final String SERVICE_JWT_SECRET_PREVIOUS = "test-service-previous-secret-0123456789abcdefghijkl";

	public static final String SERVICE_JWT_SECRET_GATEWAY_PREVIOUS = "test-gateway-previous-service-secret-0123456789abc";

	/** The Stripe webhook endpoint's signing secret ({@code STRIPE_WEBHOOK_SECRET}). */
	public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_current_0123456789abcdefghijklmnopqrstuv";

	/** The signing secret being rotated out ({@code STRIPE_WEBHOOK_SECRET_PREVIOUS}). */
	public static final String STRIPE_WEBHOOK_SECRET_PREVIOUS = "whsec_test_previous_0123456789abcdefghijklmnopqrst";

	private TestSecrets() {
	}

}
