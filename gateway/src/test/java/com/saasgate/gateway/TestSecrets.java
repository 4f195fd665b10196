package com.saasgate.gateway;

/** The secrets every gateway test starts with; long enough for HS512 forgeries with the same key. */
public final class TestSecrets {

	public static final String JWT_SECRET = "test-access-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCD";

	/** {@code JWT_SECRET_PREVIOUS}: every test gateway is in the middle of a rotation of the access-token key. */
	public static final String JWT_SECRET_PREVIOUS = "test-previous-access-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

	public static final String SERVICE_JWT_SECRET = "test-service-token-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

	public static final String ISSUER = "saasgate";

	public static final String AUDIENCE = "saasgate-api";

	private TestSecrets() {
	}

}
