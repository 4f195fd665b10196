import java.security.KeyPair;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Sign and verify rates of an access token, as the suite builds and parses it with jjwt, for HS256 (the
 * baseline) and each asymmetric candidate: EdDSA (Ed25519) and ES256, with the JDK's own provider and
 * with Bouncy Castle. One thread, rounds interleaved so a noisy neighbour hurts every variant alike;
 * the ratios against HS256 of the same round are what to read, not the absolute rates.
 *
 * <p>Run by scripts/bench/jws-bench (java JwsBench.java: the single-file launcher, JDK 11+).
 */
public final class JwsBench {

	private static volatile Object sink;

	public static void main(String[] args) {
		double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		Provider bc = new BouncyCastleProvider();
		List<Variant> variants = List.of(hmac(), asymmetric("EdDSA/JDK", Jwts.SIG.EdDSA, null),
				asymmetric("EdDSA/BC", Jwts.SIG.EdDSA, bc), asymmetric("ES256/JDK", Jwts.SIG.ES256, null),
				asymmetric("ES256/BC", Jwts.SIG.ES256, bc));
		// Warm-up: every variant, long enough for C2.
		for (Variant variant : variants) {
			rate(variant.sign(), seconds);
			rate(variant.verify(), seconds);
		}
		List<double[]> sign = new ArrayList<>();
		List<double[]> verify = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			sign.add(new double[rounds]);
			verify.add(new double[rounds]);
		}
		for (int round = 0; round < rounds; round++) {
			for (int v = 0; v < variants.size(); v++) {
				sign.get(v)[round] = rate(variants.get(v).sign(), seconds);
				verify.get(v)[round] = rate(variants.get(v).verify(), seconds);
			}
		}
		System.out.printf(Locale.ROOT, "%n%s %s, %d rounds of %.1f s, one thread (medians)%n%n",
				System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds);
		System.out.println("| variant | sign/s | verify/s | sign vs HS256 | verify vs HS256 |");
		System.out.println("|---|---:|---:|---:|---:|");
		double hsSign = median(sign.get(0));
		double hsVerify = median(verify.get(0));
		for (int v = 0; v < variants.size(); v++) {
			double s = median(sign.get(v));
			double r = median(verify.get(v));
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.3f |%n", variants.get(v).name(), s, r,
					s / hsSign, r / hsVerify);
		}
	}

	private static Variant hmac() {
		SecretKey key = Jwts.SIG.HS256.key().build();
		JwtParser parser = Jwts.parser().sig().clear().add(Jwts.SIG.HS256).and().verifyWith(key).build();
		Supplier<String> sign = () -> claims().signWith(key, Jwts.SIG.HS256).compact();
		String token = sign.get();
		return new Variant("HS256/JDK", () -> { sink = sign.get(); },
				() -> { sink = parser.parseSignedClaims(token); });
	}

	private static Variant asymmetric(String name, SecureDigestAlgorithm<java.security.PrivateKey, java.security.PublicKey> alg,
			Provider provider) {
		var pairBuilder = (alg == Jwts.SIG.EdDSA) ? io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair() : Jwts.SIG.ES256.keyPair();
		if (provider != null) {
			pairBuilder.provider(provider);
		}
		KeyPair pair = pairBuilder.build();
		var parserBuilder = Jwts.parser().sig().clear().add(alg).and().verifyWith(pair.getPublic());
		if (provider != null) {
			parserBuilder.provider(provider);
		}
		JwtParser parser = parserBuilder.build();
		Supplier<String> sign = () -> {
			var builder = claims();
			if (provider != null) {
				builder.provider(provider);
			}
			return builder.signWith(pair.getPrivate(), alg).compact();
		};
		String token = sign.get();
		return new Variant(name, () -> { sink = sign.get(); }, () -> { sink = parser.parseSignedClaims(token); });
	}

	private static io.jsonwebtoken.JwtBuilder claims() {
		long now = System.currentTimeMillis();
		return Jwts.builder()
			.header().type("at+jwt").keyId("bench-key").and()
			.subject(UUID.randomUUID().toString())
			.claim("email", "ada@example.com")
			.claim("role", "user")
			.issuer("saasgate")
			.audience().add("saasgate-api").and()
			.issuedAt(new Date(now))
			.expiration(new Date(now + Duration.ofMinutes(15).toMillis()))
			.id(UUID.randomUUID().toString());
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

	private record Variant(String name, Runnable sign, Runnable verify) {
	}

}
