import java.time.Clock;
import java.time.Duration;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.PublicKeySet;

/**
 * gateway-bench's in-process measure of access-token verification: verifications per second on one
 * thread, with the gateway's settings (ES256 from the issuer's public keys, pinned issuer and audience),
 * without the gateway's cache of verified tokens (VerifiedAccessTokens), so it is the cost of a first
 * sight of a token. Run as a single-file program on the gateway jar's libraries:
 * {@code java -cp 'lib/*' JwtVerifyRate.java KEY TOKEN}, where KEY is the key that signed TOKEN as the
 * environment gives it ({@code JWT_SIGNING_KEY}: a PKCS#8 PEM or JWK; only its public half is used) or
 * the issuer's public key or JWK Set.
 */
public class JwtVerifyRate {

	public static void main(String[] args) {
		AccessTokens tokens = new AccessTokens(PublicKeySet.parse(args[0]), "saasgate", "saasgate-api",
				Duration.ofSeconds(60), Clock.systemUTC());
		run(tokens, args[1], Duration.ofSeconds(5));
		System.out.printf("%.0f%n", run(tokens, args[1], Duration.ofSeconds(5)));
	}

	private static double run(AccessTokens tokens, String token, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		long count = 0;
		while (System.nanoTime() < end) {
			if (tokens.verify(token).userId() != null) {
				count++;
			}
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

}
