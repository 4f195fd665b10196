package com.saasgate.gateway;

/** The secrets every gateway test starts with; long enough for HS512 forgeries with the same key. */
public final class TestSecrets {

	/** What {@code JWT_SECRET} was: an HMAC secret, which must verify no access token now. */
	public static final String JWT_SECRET = "test-access-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCD";

	/** auth-billing's {@code JWT_SIGNING_KEY}: signs the test access tokens; its public half is in {@link AuthBillingStub}'s JWKS. */
	public static final String JWT_SIGNING_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"5_ImexyTLb0iztBugZm3NrBGxYFqilOkELgYaCaC8Os\",\"y\":\"B2G_xUhINsaiYLEAgB_LwKI7XImdlIjhJllNc8Ppwjk\",\"kid\":\"ANIHCE4Y4UqHwLHdtXP-y-Ws8MZn_ErJCRWZKC9plbA\",\"d\":\"R_zMCSrrVKFSDJQkp23TGYjukVW9CivkU81fJiVrpBM\"}";

	/** auth-billing's {@code JWT_SIGNING_KEY_PREVIOUS}: every test gateway sees a rotation of the access-token key. */
	public static final String JWT_SIGNING_KEY_PREVIOUS = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"Qmv9i3mPRx47X4ZXg3NmEvBayhWiz6qq3hNgCgZuPlA\",\"y\":\"fb42JdDUrlHv1iM1G0QbiUpTohGDZFtXSJdpeh77YmU\",\"kid\":\"_WEuumn7Qm9VHQLoubAbep0_NTGpePygy5rsLVI5MzM\",\"d\":\"p3s_UnK2YjzjGgX1ni5RKbcF80dtY5Ubq1Bq1t9jq_8\"}";

	public static final String SERVICE_JWT_SECRET = "test-service-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

	public static final String ISSUER = "saasgate";

	public static final String AUDIENCE = "saasgate-api";

	private TestSecrets() {
	}

}
