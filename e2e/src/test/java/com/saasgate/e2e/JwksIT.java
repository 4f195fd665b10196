package com.saasgate.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
 * in /usr/bin/python3 ({@code .ci/run} installs them); without them the test is skipped, saying so.
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
			builder.environment().keySet().retainAll(java.util.Set.of("PATH", "HOME", "LANG"));
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
