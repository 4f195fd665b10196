package com.saasgate.authbilling.support;

/** Secrets of the test configuration; long enough for HS256, obviously not production's. */
public final class TestSecrets {

	/** {@code JWT_SIGNING_KEY}: the private JWK (EC P-256) that signs access tokens. */
	public static final String JWT_SIGNING_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"tTwLQTk-EVFOysyr2wWtLG93HwiknzMs04nHSCY9brA\",\"y\":\"vQ2G5rEmpElHZ7UpndCFaSgI4hM-fYcPx0z18hx7Cn0\",\"kid\":\"g4ZpzvGkN3zv7G9qpDoXZrdu3p5Hr0O-cmpFeIGz33c\",\"d\":\"Xq8CPBmJKP67ZiFyRxb8EJjignZgAbCa6_qr1QGrH4s\"}";

	public static final String JWT_REFRESH_SECRET = "test-refresh-secret-0123456789abcdefghijklmnopqrstuvw";

	public static final String SERVICE_JWT_SECRET = "test-service-secret-0123456789abcdefghijklmnopqrstuvw";

	/** The gateway's own service key ({@code SERVICE_JWT_SECRET_GATEWAY}). */
	public static final String SERVICE_JWT_SECRET_GATEWAY = "test-gateway-service-secret-0123456789abcdefghijklmn";

	/** The gateway's {@code GATEWAY_SIGNING_KEY}: signs the gateway's service tokens in tests. */
	public static final String GATEWAY_SIGNING_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"JAX7xcrjKsBMRz8MAADRRLdmA_-XtNuNCEtl4bNUp3U\",\"y\":\"5sk-CCLMQN1iPtKAzXaHh3K7QbraonH-X2tr5c-9dSY\",\"kid\":\"gwo3UgjEoHSnf00KRh0muVMYl49j71ByVzpjEedtmNU\",\"d\":\"40NnWDZtFPcwrB3rQ9q90zuE6E4YJhnbNtqzZHjr3as\"}";

	/** {@code SERVICE_PUBLIC_KEY_GATEWAY}: the public half of {@link #GATEWAY_SIGNING_KEY}, all auth-billing holds of it. */
	public static final String SERVICE_PUBLIC_KEY_GATEWAY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"JAX7xcrjKsBMRz8MAADRRLdmA_-XtNuNCEtl4bNUp3U\",\"y\":\"5sk-CCLMQN1iPtKAzXaHh3K7QbraonH-X2tr5c-9dSY\",\"kid\":\"gwo3UgjEoHSnf00KRh0muVMYl49j71ByVzpjEedtmNU\"}";

	/** The keys being rotated out: every test service is in the middle of a rotation of each. */
	public static final String JWT_SIGNING_KEY_PREVIOUS = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"tF3MrkXay_EwCVAPS99I8FJlAm3bMvYne8lEsQYa5M0\",\"y\":\"cb03eEE7gIe9jfFOce2ZmqYX4r-RjVOXpJ0jpKX2150\",\"kid\":\"LcBwb0feHvEOT6VcLadbQY3yE4X7LTZsnnIv6TmIJAg\",\"d\":\"mt8inoFyLZ-8adawnLL85g3PnduufQzoBR-Dp701uoQ\"}";

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
