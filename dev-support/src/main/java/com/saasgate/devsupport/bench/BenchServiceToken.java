package com.saasgate.devsupport.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A service token of {@code intelligence} under the shared key (contract section 6), made by hand: the
 * benchmarks run from dev-support, which does not depend on shared-security's token code.
 */
final class BenchServiceToken {

	private BenchServiceToken() {
	}

	static String intelligence(String sharedSecret) throws Exception {
		long now = Instant.now().getEpochSecond();
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"service+jwt\",\"kid\":\"shared\"}"
			.getBytes(StandardCharsets.UTF_8));
		String claims = url.encodeToString(("{\"iss\":\"intelligence\",\"aud\":\"auth-billing\",\"iat\":" + now
				+ ",\"exp\":" + (now + 60) + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return header + "." + claims + "."
				+ url.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
	}

}
