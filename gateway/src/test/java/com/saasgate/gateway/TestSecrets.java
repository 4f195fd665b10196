package com.saasgate.gateway;

/** The secrets every gateway test starts with; long enough for HS512 forgeries with the same key. */
public final class TestSecrets {

	/** What {@code JWT_SECRET} was: an HMAC secret, which must verify no access token now. */
	public static final String JWT_SECRET = "test-access-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCD";

	/** auth-billing's {@code JWT_SIGNING_KEY}: signs the test access tokens; its public half is in {@link AuthBillingStub}'s JWKS. */
	public static final String JWT_SIGNING_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"5_ImexyTLb0iztBugZm3NrBGxYFqilOkELgYaCaC8Os\",\"y\":\"B2G_xUhINsaiYLEAgB_LwKI7XImdlIjhJllNc8Ppwjk\",\"kid\":\"ANIHCE4Y4UqHwLHdtXP-y-Ws8MZn_ErJCRWZKC9plbA\",\"d\":\"R_zMCSrrVKFSDJQkp23TGYjukVW9CivkU81fJiVrpBM\"}";

	/** auth-billing's {@code JWT_SIGNING_KEY_PREVIOUS}: every test gateway sees a rotation of the access-token key. */
	public static final String JWT_SIGNING_KEY_PREVIOUS = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"Qmv9i3mPRx47X4ZXg3NmEvBayhWiz6qq3hNgCgZuPlA\",\"y\":\"fb42JdDUrlHv1iM1G0QbiUpTohGDZFtXSJdpeh77YmU\",\"kid\":\"_WEuumn7Qm9VHQLoubAbep0_NTGpePygy5rsLVI5MzM\",\"d\":\"p3s_UnK2YjzjGgX1ni5RKbcF80dtY5Ubq1Bq1t9jq_8\"}";

	/** {@code GATEWAY_SIGNING_KEY}: the gateway's own private key, which signs its service tokens. */
	public static final String GATEWAY_SIGNING_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"JAX7xcrjKsBMRz8MAADRRLdmA_-XtNuNCEtl4bNUp3U\",\"y\":\"5sk-CCLMQN1iPtKAzXaHh3K7QbraonH-X2tr5c-9dSY\",\"kid\":\"gwo3UgjEoHSnf00KRh0muVMYl49j71ByVzpjEedtmNU\",\"d\":\"40NnWDZtFPcwrB3rQ9q90zuE6E4YJhnbNtqzZHjr3as\"}";

	/** A key the gateway publishes beside its signing key, as during a rotation. */
	public static final String GATEWAY_SIGNING_KEY_PREVIOUS = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"rha581Fr_ewfTO_a2FJAU9sujY5z4Y0BwWNXc5DAVyg\",\"y\":\"RmmfxPLLH2UOtD_sMrxLbhFeP7mazPPhvO9Y1vpVfkU\",\"kid\":\"LcsnPjUbivSW_jcMK92Ny0ydbfx7dxQUpG_k1uWw8eU\",\"d\":\"UzCqfTnUVQl0TAOElw1O6DAsVBAAD2IsoD8NXg1Xp7g\"}";

	/** What the gateway signed its service tokens with before: an HMAC secret, which it no longer holds. */
	public static final String SERVICE_JWT_SECRET = "test-service-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

	public static final String ISSUER = "saasgate";

	public static final String AUDIENCE = "saasgate-api";

	private TestSecrets() {
	}

}
