import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.SigningKeys;

/**
 * gateway-bench's keys and tokens, made with the suite's own shared-security classes. Run as a
 * single-file program on the gateway jar's libraries ({@code java -cp 'lib/*' BenchTokens.java ...}):
 * <ul>
 * <li>{@code keys DIR}: a new EC P-256 key for auth-billing and one for the gateway, for this run only;
 * writes {@code DIR/jwks.json} (auth-billing's JWKS, public key only, what the stand-in serves),
 * {@code DIR/gateway-signing-key.json} ({@code GATEWAY_SIGNING_KEY}) and {@code DIR/access-token}
 * (an ES256 access token with the key's {@code kid}, {@code typ at+jwt}, {@code iss saasgate},
 * {@code aud saasgate-api}, valid for 4 hours, as auth-billing issues them);</li>
 * <li>{@code verify-rate DIR}: ES256 verifications of that token per second on one thread, from the
 * JWKS alone, without the gateway's verified-token cache (what a cache miss costs).</li>
 * </ul>
 */
public class BenchTokens {

	private static final String ISSUER = "saasgate";

	private static final String AUDIENCE = "saasgate-api";

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[1]);
		switch (args[0]) {
			case "keys" -> keys(dir);
			case "verify-rate" -> verifyRate(dir);
			default -> throw new IllegalArgumentException("keys DIR | verify-rate DIR");
		}
	}

	private static void keys(Path dir) throws Exception {
		SigningKeys accessKeys = new SigningKeys(JwkText.generate(), List.of());
		Files.writeString(dir.resolve("jwks.json"), JwkText.jwksJson(accessKeys.publicKeys()));
		Files.writeString(dir.resolve("gateway-signing-key.json"), JwkText.privateJson(JwkText.generate()));
		AccessTokens tokens = new AccessTokens(accessKeys, ISSUER, AUDIENCE, Duration.ofHours(4), Duration.ofSeconds(60),
				Clock.systemUTC());
		Files.writeString(dir.resolve("access-token"), tokens.issue(UUID.randomUUID(), "bench@example.com", "user").token());
	}

	private static void verifyRate(Path dir) throws Exception {
		AccessTokens tokens = new AccessTokens(PublicKeySet.parse(Files.readString(dir.resolve("jwks.json"))), ISSUER,
				AUDIENCE, Duration.ofSeconds(60), Clock.systemUTC());
		String token = Files.readString(dir.resolve("access-token")).strip();
		run(tokens, token, Duration.ofSeconds(3));
		System.out.printf("%.0f%n", run(tokens, token, Duration.ofSeconds(5)));
	}

	private static double run(AccessTokens tokens, String token, Duration duration) {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long count = 0;
		while (System.nanoTime() < end) {
			if (tokens.verify(token).userId() != null) {
				count++;
			}
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

}
