import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.RefreshTokenClaims;
import com.saasgate.security.jwt.RefreshTokens;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.jwt.TokenKind;
import com.saasgate.security.servicetoken.ServiceTokens;
import com.saasgate.security.servicetoken.SignedServiceTokens;

/**
 * The token work of the two paths the goals are about, in process, HMAC (before) against asymmetric
 * (now) in the same run, rounds interleaved: (1) what a refresh signs: an access and a refresh token;
 * (2) what the gateway does per request on a user route for a user who sends {@code requestsPerToken}
 * requests with one access token: before, an HS256 verification each time and a shared per-upstream
 * HMAC service token; now, a SHA-256 and a cache lookup each time, one ES256 verification per access
 * token and one ES256 signature per (upstream, user) every four minutes. Not a substitute for the
 * end-to-end runs (the database dominates a refresh, the network a request); it isolates the part the
 * signature change touches. Run by scripts/bench/token-cost-bench.
 */
public final class TokenCostBench {

	private static volatile Object sink;

	public static void main(String[] args) throws Exception {
		double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int requestsPerToken = args.length > 2 ? Integer.parseInt(args[2]) : 100;
		Clock clock = Clock.systemUTC();
		String secret = "bench-access-secret-0123456789abcdefghijklmnop";
		HmacJwt hmacAccess = new HmacJwt(secret, TokenKind.ACCESS, Duration.ofSeconds(60), clock);
		RefreshTokens refresh = new RefreshTokens("bench-refresh-secret-0123456789abcdefghijklm", "saasgate", clock);
		SigningKeys keys = SigningKeys.generate();
		AccessTokens es256 = new AccessTokens(keys, "saasgate", "saasgate-api", Duration.ofMinutes(15), Duration.ofSeconds(60), clock);
		AccessTokens es256Verifier = new AccessTokens(new PublicKeySet(keys.publicKeys()), "saasgate", "saasgate-api",
				Duration.ofSeconds(60), clock);
		ServiceTokens hmacService = new ServiceTokens("bench-service-secret-0123456789abcdefghijklm", clock);
		SignedServiceTokens signedService = new SignedServiceTokens("gateway", SigningKeys.generate(), clock);
		UUID user = UUID.randomUUID();
		String hsToken = hmacAccess.sign(hmacAccess.builder().subject(user.toString()).claim("email", "a@b.c")
			.claim("role", "user").issuer("saasgate").audience().add("saasgate-api").and()
			.issuedAt(new java.util.Date()).expiration(new java.util.Date(System.currentTimeMillis() + 900_000))
			.id(UUID.randomUUID().toString()));
		HmacJwt hsVerifier = new HmacJwt(secret, TokenKind.ACCESS, Duration.ofSeconds(60), clock);
		String esToken = es256.issue(user, "a@b.c", "user").token();
		String hsService = hmacService.issue("gateway", "memory", null, Duration.ofMinutes(5));
		Map<String, AccessTokenClaims> cache = new ConcurrentHashMap<>();
		int[] counter = { 0 };

		Runnable refreshHmac = () -> {
			sink = hmacAccess.sign(hmacAccess.builder().subject(user.toString()).claim("email", "a@b.c")
				.claim("role", "user").issuer("saasgate").audience().add("saasgate-api").and()
				.issuedAt(new java.util.Date()).expiration(new java.util.Date(System.currentTimeMillis() + 900_000))
				.id(UUID.randomUUID().toString()));
			sink = refresh.issue(new RefreshTokenClaims(UUID.randomUUID(), user, UUID.randomUUID(),
					java.time.Instant.now().plusSeconds(3600)));
		};
		Runnable refreshAsymmetric = () -> {
			sink = es256.issue(user, "a@b.c", "user");
			sink = refresh.issue(new RefreshTokenClaims(UUID.randomUUID(), user, UUID.randomUUID(),
					java.time.Instant.now().plusSeconds(3600)));
		};
		Runnable requestHmac = () -> {
			sink = hsVerifier.parse(hsToken);
			sink = hsService;
		};
		Runnable requestAsymmetric = () -> {
			int n = counter[0]++;
			String key = sha256(esToken);
			AccessTokenClaims claims = cache.get(key);
			if (claims == null || n % requestsPerToken == 0) {
				// A new access token (one in requestsPerToken): one verification, then cached.
				claims = es256Verifier.verify(esToken);
				cache.put(key, claims);
			}
			// One signature per (upstream, user) per four minutes: amortised over the same requests.
			sink = (n % requestsPerToken == 0) ? signedService.issue("memory", user.toString(), Duration.ofMinutes(5)) : claims;
		};
		Runnable[] ops = { refreshHmac, refreshAsymmetric, requestHmac, requestAsymmetric };
		String[] names = { "refresh signing, HMAC", "refresh signing, ES256 access", "gateway per request, HMAC verify",
				"gateway per request, ES256 + caches (1 verify + 1 sign per " + requestsPerToken + " requests)" };
		for (Runnable op : ops) {
			rate(op, seconds);
		}
		double[][] rates = new double[ops.length][rounds];
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < ops.length; i++) {
				rates[i][round] = rate(ops[i], seconds);
			}
		}
		System.out.printf(Locale.ROOT, "%n%s %s, %d rounds of %.1f s, one thread (medians)%n%n| path | ops/s | vs HMAC |%n|---|---:|---:|%n",
				System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds);
		for (int i = 0; i < ops.length; i++) {
			double base = median(rates[i - i % 2]);
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.3f |%n", names[i], median(rates[i]), median(rates[i]) / base);
		}
	}

	private static String sha256(String token) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double rate(Runnable op, double seconds) {
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		long start = System.nanoTime();
		long n = 0;
		while (System.nanoTime() < deadline) {
			op.run();
			n++;
		}
		return n / ((System.nanoTime() - start) / 1e9);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
