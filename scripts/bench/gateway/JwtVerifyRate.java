import java.time.Clock;
import java.time.Duration;

import com.saasgate.security.jwt.AccessTokens;

/**
 * gateway-bench's in-process measure of access-token verification: verifications per second on one
 * thread, with the gateway's settings (HS256, pinned issuer and audience). Run as a single-file
 * program on the gateway jar's libraries: {@code java -cp 'lib/*' JwtVerifyRate.java SECRET TOKEN}.
 */
public class JwtVerifyRate {

	public static void main(String[] args) {
		AccessTokens tokens = new AccessTokens(args[0], "saasgate", "saasgate-api", Duration.ofMinutes(15),
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
