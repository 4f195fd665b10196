package com.saasgate.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.DevSuite;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's tokens verified from outside, as a user's Python service does it: {@code scripts/jwks-check.py}
 * runs PyJWT's {@code PyJWKClient} against the running gateway's {@code /.well-known/jwks.json}, with no
 * secret, on a real access token and on the token the gateway sent the {@code memory} upstream; and checks
 * that an HS256 token keyed by the public key, a token of an unknown {@code kid} and a JWKS that cannot be
 * fetched are all refused (by PyJWT and by the gateway). Needs Debian's python3-jwt and python3-cryptography
 * in /usr/bin/python3 ({@code .ci/run} installs them); without them that test is skipped, saying so. The
 * others need no Python: HS256 tokens keyed by a shared secret (an old {@code JWT_SECRET}, or a secret the
 * services hold) are refused by the gateway and auth-billing, and a gateway that cannot fetch auth-billing's
 * JWKS refuses a genuine token rather than let it through unverified.
 */
@ExtendWith(E2eSuite.class)
class JwksIT {

	private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private final Api api;

	JwksIT(Api api) {
		this.api = api;
	}

	@Test
	void tokensWhenVerifiedWithPyJwkClientAgainstTheGatewaysJwksThenValidAndForgeriesRefused() throws Exception {
		String missing = pyJwtMissing();
		if (missing != null) {
			System.err.println("JwksIT SKIPPED: " + missing);
		}
		Assumptions.assumeTrue(missing == null, () -> "JwksIT needs " + missing);
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		String path = "/jwks/" + UUID.randomUUID();
		Response forwarded = this.api.get("/api/memory" + path, "Authorization", tokens.bearer());
		assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(200);
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		assertThat(received).hasSize(1);
		String upstreamToken = received.get(0).getHeader("X-Service-Token");

		Run run = run(Map.of("GATEWAY_URL", this.api.suite().gatewayUrl(), "ACCESS_TOKEN", tokens.accessToken(),
				"UPSTREAM_TOKEN", upstreamToken, "UPSTREAM_NAME", "memory"));

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("OK: access token of user", "OK: gateway's token to upstream memory verified",
				"OK: HS256 signed with the public key as the secret: refused by PyJWT",
				"OK: tokens of an unknown key", "OK: JWKS fetch failure: the genuine token is refused",
				"OK: every check passed");
		Reliability.record(new Reliability.Row("jwks-forgeries", "forged tokens against PyJWKClient and the gateway",
				"HS256 keyed by the public key (3 encodings), unknown kid, a stranger's key under the real kid, JWKS unreachable",
				0, 0, 0, "all refused by PyJWT and by the gateway (401); the genuine access and upstream tokens verify"));
	}

	@Test
	void tokensWhenSignedHs256WithASharedSecretThenRefusedByTheGatewayAndAuthBilling() {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		Response me = this.api.me(tokens);
		String userId = me.text("userId");
		String realKid = tokens.accessToken().substring(0, tokens.accessToken().indexOf('.'));
		realKid = new String(Base64.getUrlDecoder().decode(realKid), StandardCharsets.UTF_8)
			.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		Map<String, String> environment = this.api.suite().environment();
		// What JWT_SECRET was (any shared secret: it is gone), and the secrets the running services hold.
		Map<String, String> secrets = Map.of("an old JWT_SECRET", "the-old-shared-jwt-secret-0123456789abcdefghijklmn",
				"JWT_REFRESH_SECRET", environment.get("JWT_REFRESH_SECRET"), "SERVICE_JWT_SECRET",
				environment.get("SERVICE_JWT_SECRET"));
		int tried = 0;
		for (Map.Entry<String, String> secret : secrets.entrySet()) {
			SecretKey key = Keys.hmacShaKeyFor(secret.getValue().getBytes(StandardCharsets.UTF_8));
			for (String kid : Arrays.asList(realKid, null)) {
				Instant now = Instant.now();
				String access = Jwts.builder()
					.header().add("typ", "at+jwt").keyId(kid).and()
					.subject(userId).claim("email", me.text("email")).claim("role", "user")
					.issuer("saasgate").audience().add("saasgate-api").and()
					.issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(300)))
					.id(UUID.randomUUID().toString())
					.signWith(key, Jwts.SIG.HS256).compact();

				Problems.assertProblem(this.api.get("/api/auth/me", "Authorization", "Bearer " + access), 401, "invalid_token");
				Response direct = this.api.send("GET", this.api.suite().authBillingUrl() + "/auth/me", null,
						"Authorization", "Bearer " + access);
				assertThat(direct.status()).as("auth-billing, HS256 keyed by %s: %s", secret.getKey(), direct).isEqualTo(401);
				tried++;
			}
			// A service token claiming the gateway, HMAC-signed: auth-billing takes the gateway's from its public key only.
			for (String kid : Arrays.asList("shared", "service:gateway", null)) {
				Instant now = Instant.now();
				String service = Jwts.builder()
					.header().add("typ", "service+jwt").keyId(kid).and()
					.issuer("gateway").audience().add("auth-billing").and()
					.issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(60)))
					.id(UUID.randomUUID().toString())
					.signWith(key, Jwts.SIG.HS256).compact();

				Problems.assertProblem(this.api.send("GET", this.api.suite().authBillingUrl() + "/internal/users/" + userId
						+ "/tier", null, "X-Service-Token", service), 401, "service_auth_required");
				tried++;
			}
		}
		assertThat(this.api.me(tokens).status()).as("the genuine token").isEqualTo(200);
		Reliability.record(new Reliability.Row("hmac-secrets-refused", "HS256 tokens keyed by shared secrets",
				tried + " tokens: access tokens (real kid, no kid) and gateway service tokens keyed by an old JWT_SECRET, "
						+ "JWT_REFRESH_SECRET and SERVICE_JWT_SECRET",
				0, 0, 0, "all refused: 401 invalid_token at the gateway, 401 at auth-billing, 401 service_auth_required"));
	}

	@Test
	void accessTokenWhenTheGatewayCannotFetchTheJwksThenRefusedNeverLetThrough() {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		// A gateway whose auth-billing JWKS is unreachable (nothing listens on port 9): it holds no key.
		DevSuite.Replica blind = this.api.suite().startReplica("jwks-unreachable-gateway", "gateway",
				Map.of("AUTH_BILLING_JWKS_URL", "http://127.0.0.1:9/.well-known/jwks.json"));
		try {
			Api viaBlind = this.api.via(blind.url());
			for (int attempt = 0; attempt < 3; attempt++) {
				Problems.assertProblem(viaBlind.me(tokens), 401, "invalid_token");
				Problems.assertProblem(viaBlind.get("/api/memory/jwks-unreachable", "Authorization", tokens.bearer()), 401,
						"invalid_token");
			}
			assertThat(this.api.me(tokens).status()).as("the suite's gateway, which can fetch it").isEqualTo(200);
		}
		finally {
			this.api.suite().stopService(blind.name(), Duration.ofSeconds(60));
		}
		assertThat(E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo("/jwks-unreachable")))).isEmpty();
	}

	/** Why /usr/bin/python3 cannot run the check, or null when it can. */
	private static String pyJwtMissing() throws Exception {
		if (!Files.isExecutable(PYTHON)) {
			return "/usr/bin/python3 (apt-get install -y python3 python3-jwt python3-cryptography)";
		}
		ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-c", "import jwt, cryptography; jwt.PyJWKClient")
			.redirectErrorStream(true);
		builder.environment().putAll(pythonPath());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return (process.waitFor() == 0) ? null
				: "PyJWT and cryptography in /usr/bin/python3 (apt-get install -y python3-jwt python3-cryptography): " + output;
	}

	/** Where .ci/run unpacks Debian's python3-jwt when /usr/bin/python3 lacks it. */
	private static Map<String, String> pythonPath() {
		Path unpacked = ROOT.resolve("target/python/usr/lib/python3/dist-packages");
		return Files.isDirectory(unpacked) ? Map.of("PYTHONPATH", unpacked.toString()) : Map.of();
	}

	private static Run run(Map<String, String> environment) throws Exception {
		Path output = Files.createTempFile("jwks-check", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), ROOT.resolve("scripts/jwks-check.py").toString())
				.directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().retainAll(Set.of("PATH", "HOME", "LANG"));
			builder.environment().putAll(environment);
			builder.environment().putAll(pythonPath());
			Process process = builder.start();
			assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("jwks-check.py finished").isTrue();
			return new Run(process.exitValue(), Files.readString(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private record Run(int exitCode, String output) {
	}

}
