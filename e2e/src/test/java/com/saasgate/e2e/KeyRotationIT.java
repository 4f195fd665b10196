package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.DevSuite;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.SigningKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15, the runbook's zero-downtime rotation of the signing keys (docs/operations.md, "Rotating
 * secrets"), driven step by step against running services: two auth-billing replicas and a gateway of
 * their own, started beside the shared suite on its PostgreSQL and Redis, the gateway routing to the
 * first replica. Each rollout restarts the replicas one at a time with the changed variables
 * ({@link DevSuite#startService(String, Map)}), so that for a while the two run different steps, as in a
 * rolling update.
 * <ol>
 * <li>Publish the next keys: {@code JWT_SIGNING_KEY_PREVIOUS} = B and {@code SERVICE_PUBLIC_KEY_GATEWAY} =
 * both gateway keys on each auth-billing; {@code GATEWAY_SIGNING_KEY_PREVIOUS} = the gateway's next key.
 * <li>Switch signing: {@code JWT_SIGNING_KEY} = B, {@code _PREVIOUS} = A on each auth-billing; then the
 * same swap on the gateway. Old tokens keep working, new ones carry the new {@code kid}; a replica still
 * signing with A and one signing with B accept each other's tokens.
 * <li>Retire: {@code JWT_SIGNING_KEY_PREVIOUS} unset on each auth-billing (the gateway drops A at its next
 * JWKS fetch, without a restart); then {@code GATEWAY_SIGNING_KEY_PREVIOUS} unset on the gateway and only
 * the next public key in {@code SERVICE_PUBLIC_KEY_GATEWAY}. A token signed with a retired key is refused.
 * </ol>
 * No session is lost: refresh tokens (HMAC, not rotated here) of sessions from before the first step still
 * refresh at the end.
 */
@ExtendWith(E2eSuite.class)
class KeyRotationIT {

	private static final String AB1 = "rotation-auth-billing-1";

	private static final String AB2 = "rotation-auth-billing-2";

	private static final String GW = "rotation-gateway";

	private static final String JWKS = "/.well-known/jwks.json";

	private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");

	private final DevSuite suite;

	private final List<String> started = new ArrayList<>();

	KeyRotationIT(DevSuite suite) {
		this.suite = suite;
	}

	@Test
	void rotationWhenPublishedSwitchedAndRetiredReplicaByReplicaThenNoSessionLostAndRetiredKeysRefused() {
		Map<String, String> environment = this.suite.environment();
		String keyA = environment.get("JWT_SIGNING_KEY");
		String kidA = new SigningKeys(keyA, null).currentKeyId();
		PrivateJwk<?, ?, ?> nextAccessKey = JwkText.generate();
		String keyB = JwkText.privateJson(nextAccessKey);
		String kidB = nextAccessKey.getId();
		String gatewayKeyA = environment.get("GATEWAY_SIGNING_KEY");
		String gatewayKidA = new SigningKeys(gatewayKeyA, null).currentKeyId();
		PrivateJwk<?, ?, ?> nextGatewayKey = JwkText.generate();
		String gatewayKeyB = JwkText.privateJson(nextGatewayKey);
		String gatewayKidB = nextGatewayKey.getId();
		List<PublicJwk<?>> gatewayPublicKeys = new ArrayList<>(
				PublicKeySet.parse(environment.get("SERVICE_PUBLIC_KEY_GATEWAY")).publicKeys());
		gatewayPublicKeys.add(nextGatewayKey.toPublicJwk());
		String bothGatewayKeys = JwkText.jwksJson(gatewayPublicKeys);
		String nextGatewayPublicKey = JwkText.publicJson(nextGatewayKey.toPublicJwk());

		Cluster cluster = startCluster();
		Api api = new Api(this.suite).via(cluster.gateway());
		Account userAccount = Account.fresh();
		TokenPair user = api.verifiedUser(userAccount);
		TokenPair untouched = api.verifiedUser(Account.fresh());
		assertThat(kid(user.accessToken())).isEqualTo(kidA);
		String upstreamTokenA = upstreamToken(api, user);
		assertThat(kid(upstreamTokenA)).isEqualTo(gatewayKidA);

		// 1. Publish the next keys: auth-billing replicas one at a time, then the gateway.
		rollOut(AB1, Map.of("JWT_SIGNING_KEY_PREVIOUS", keyB, "SERVICE_PUBLIC_KEY_GATEWAY", bothGatewayKeys));
		assertThat(kids(cluster.authBilling1() + JWKS)).containsExactlyInAnyOrder(kidA, kidB);
		assertThat(api.me(user).status()).as("a token of key A during the roll-out").isEqualTo(200);
		rollOut(AB2, Map.of("JWT_SIGNING_KEY_PREVIOUS", keyB, "SERVICE_PUBLIC_KEY_GATEWAY", bothGatewayKeys));
		assertThat(kids(cluster.authBilling2() + JWKS)).containsExactlyInAnyOrder(kidA, kidB);
		rollOut(GW, Map.of("GATEWAY_SIGNING_KEY_PREVIOUS", gatewayKeyB));
		// What an upstream's JWKS cache holds from now on (PyJWKClient keeps a fetched set for 5 min).
		String publishedBeforeTheSwitch = fetch(cluster.gateway() + JWKS);
		assertThat(kids(publishedBeforeTheSwitch)).contains(kidA, kidB, gatewayKidA, gatewayKidB);
		// Issued after the gateway's restart, so within its 5 minutes at the swap below.
		String upstreamTokenBeforeSwap = upstreamToken(api, user);
		assertThat(kid(upstreamTokenBeforeSwap)).as("the gateway still signs with its old key").isEqualTo(gatewayKidA);

		// 2. Switch signing on the first replica: for a while one replica signs with B, the other with A.
		rollOut(AB1, Map.of("JWT_SIGNING_KEY", keyB, "JWT_SIGNING_KEY_PREVIOUS", keyA));
		TokenPair refreshed = TokenPair.from(expectOk(api.refresh(user.refreshToken())));
		assertThat(kid(refreshed.accessToken())).as("a token from the switched replica").isEqualTo(kidB);
		TokenPair fromOldReplica = TokenPair.from(expectOk(api.send("POST", cluster.authBilling2() + "/auth/refresh",
				"{\"refreshToken\":\"" + untouched.refreshToken() + "\"}")));
		assertThat(kid(fromOldReplica.accessToken())).as("a token from the replica not yet switched").isEqualTo(kidA);
		for (TokenPair tokens : List.of(refreshed, fromOldReplica, user)) {
			assertThat(api.me(tokens).status()).as("the gateway, token of kid %s", kid(tokens.accessToken())).isEqualTo(200);
			for (String authBilling : cluster.authBillings()) {
				assertThat(me(api, authBilling, tokens).status()).as("%s, token of kid %s", authBilling,
						kid(tokens.accessToken())).isEqualTo(200);
			}
		}
		rollOut(AB2, Map.of("JWT_SIGNING_KEY", keyB, "JWT_SIGNING_KEY_PREVIOUS", keyA));
		TokenPair fromSecondReplica = TokenPair.from(expectOk(api.send("POST", cluster.authBilling2() + "/auth/refresh",
				"{\"refreshToken\":\"" + fromOldReplica.refreshToken() + "\"}")));
		assertThat(kid(fromSecondReplica.accessToken())).isEqualTo(kidB);
		assertThat(api.me(user).status()).as("the token of key A from before the switch").isEqualTo(200);
		// The gateway's own key: swapped, its new tokens verify under what upstreams cached before the swap.
		rollOut(GW, Map.of("GATEWAY_SIGNING_KEY", gatewayKeyB, "GATEWAY_SIGNING_KEY_PREVIOUS", gatewayKeyA));
		String upstreamTokenB = upstreamToken(api, refreshed);
		assertThat(kid(upstreamTokenB)).isEqualTo(gatewayKidB);
		assertThat(verifyUpstream(upstreamTokenB, publishedBeforeTheSwitch).getSubject()).isNotBlank();
		String publishedAfterTheSwitch = fetch(cluster.gateway() + JWKS);
		assertThat(verifyUpstream(upstreamTokenBeforeSwap, publishedAfterTheSwitch).getSubject()).isNotBlank();
		// auth-billing took the gateway's new token: a new user's tier was looked up with it.
		assertThat(upstream(api, api.verifiedUser(Account.fresh())).status()).isEqualTo(200);

		// 3. Retire key A on each replica; the gateway drops it at its next JWKS fetch, without a restart.
		rollOut(AB1, Map.of("JWT_SIGNING_KEY_PREVIOUS", ""));
		rollOut(AB2, Map.of("JWT_SIGNING_KEY_PREVIOUS", ""));
		assertThat(kids(cluster.authBilling1() + JWKS)).containsExactly(kidB);
		AccessTokens signerA = new AccessTokens(new SigningKeys(keyA, null), "saasgate", "saasgate-api",
				Duration.ofMinutes(15), Duration.ofSeconds(60), Clock.systemUTC());
		String userId = api.me(refreshed).text("userId");
		await("the gateway refuses a new token of the retired key A").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> api.get("/api/auth/me", "Authorization", "Bearer " + signerA
				.issue(UUID.fromString(userId), userAccount.email(), "user").token()).status() == 401);
		String retired = "Bearer " + signerA.issue(UUID.fromString(userId), userAccount.email(), "user").token();
		Problems.assertProblem(api.get("/api/auth/me", "Authorization", retired), 401, "invalid_token");
		for (String authBilling : cluster.authBillings()) {
			assertThat(api.send("GET", authBilling + "/auth/me", null, "Authorization", retired).status())
				.as("%s, a token of the retired key", authBilling).isEqualTo(401);
		}
		assertThat(api.me(refreshed).status()).as("a token of key B").isEqualTo(200);
		// Retire the gateway's old key: the gateway and auth-billing's registration of it.
		rollOut(AB1, Map.of("SERVICE_PUBLIC_KEY_GATEWAY", nextGatewayPublicKey));
		rollOut(AB2, Map.of("SERVICE_PUBLIC_KEY_GATEWAY", nextGatewayPublicKey));
		rollOut(GW, Map.of("GATEWAY_SIGNING_KEY_PREVIOUS", ""));
		String publishedAtTheEnd = fetch(cluster.gateway() + JWKS);
		assertThat(kids(publishedAtTheEnd)).containsExactlyInAnyOrder(kidB, gatewayKidB);
		assertThatThrownBy(() -> verifyUpstream(upstreamTokenBeforeSwap, publishedAtTheEnd))
			.as("a token of the retired gateway key").isInstanceOf(RuntimeException.class);
		assertThat(kid(upstreamToken(api, refreshed))).isEqualTo(gatewayKidB);

		// No session lost: both sessions from before step 1 refresh, and their new tokens work.
		for (String refreshToken : List.of(refreshed.refreshToken(), fromSecondReplica.refreshToken())) {
			TokenPair after = TokenPair.from(expectOk(api.refresh(refreshToken)));
			assertThat(kid(after.accessToken())).isEqualTo(kidB);
			assertThat(api.me(after).status()).isEqualTo(200);
			assertThat(upstream(api, after).status()).isEqualTo(200);
		}
		Reliability.record(new Reliability.Row("key-rotation",
				"Access-token and gateway signing keys rotated by kid, replica by replica (docs/operations.md runbook)",
				"2 auth-billing replicas and a gateway, 10 rolling restarts: publish, switch, retire", 0, 0, 0,
				"old tokens verified until retirement, tokens of each replica accepted by the other mid-roll-out, "
						+ "retired keys refused (401 invalid_token), every session refreshed afterwards"));
	}

	/** The test's own instances go, whatever state the test left them in; the shared suite stays. */
	@AfterEach
	void stopOwnServices() {
		for (String name : this.started) {
			if (this.suite.servicePids().containsKey(name)) {
				this.suite.killService(name);
			}
		}
	}

	private Cluster startCluster() {
		int port1 = freePort();
		String authBilling1 = "http://localhost:" + port1;
		Map<String, String> gatewaySettings = Map.of("AUTH_BILLING_URL", authBilling1,
				// Short, so that retiring a key reaches the gateway in seconds; 5 min and 30 s by default.
				"GATEWAY_JWKS_MAX_AGE", "2s", "GATEWAY_JWKS_MIN_REFRESH", "1s");
		this.started.addAll(List.of(AB1, AB2, GW));
		CompletableFuture<DevSuite.Replica> first = CompletableFuture.supplyAsync(() -> this.suite.startReplica(AB1,
				"auth-billing", Map.of("AUTH_BILLING_PORT", Integer.toString(port1), "AUTH_BILLING_URL", authBilling1)));
		CompletableFuture<DevSuite.Replica> second = CompletableFuture
			.supplyAsync(() -> this.suite.startReplica(AB2, "auth-billing", Map.of()));
		DevSuite.Replica gateway = this.suite.startReplica(GW, "gateway", gatewaySettings);
		return new Cluster(first.join().url(), second.join().url(), gateway.url());
	}

	/** One step of a rolling update on one instance: stopped, started again with the changed variables. */
	private void rollOut(String name, Map<String, String> changes) {
		this.suite.stopService(name, Duration.ofSeconds(60));
		this.suite.startService(name, changes);
	}

	private static Response expectOk(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response;
	}

	private static Response me(Api api, String authBilling, TokenPair tokens) {
		return api.send("GET", authBilling + "/auth/me", null, "Authorization", tokens.bearer());
	}

	private static Response upstream(Api api, TokenPair tokens) {
		return api.get("/api/memory/rotation/" + UUID.randomUUID(), "Authorization", tokens.bearer());
	}

	/** The {@code X-Service-Token} the gateway sent the memory upstream for a request of this user. */
	private static String upstreamToken(Api api, TokenPair tokens) {
		String path = "/rotation/" + UUID.randomUUID();
		Response forwarded = api.get("/api/memory" + path, "Authorization", tokens.bearer());
		assertThat(forwarded.status()).as("%s", forwarded).isEqualTo(200);
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		assertThat(received).hasSize(1);
		return received.get(0).getHeader("X-Service-Token");
	}

	/** An upstream's check of the gateway's token: the key its kid names in the JWKS, ES256, iss and aud. */
	private static Claims verifyUpstream(String token, String jwks) {
		PublicKeySet keys = PublicKeySet.parse(jwks);
		return Jwts.parser()
			.keyLocator((header) -> keys.keyFor(((ProtectedHeader) header).getKeyId()).toKey())
			.requireIssuer("gateway")
			.requireAudience("memory")
			.build()
			.parseSignedClaims(token)
			.getPayload();
	}

	private static String kid(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.UTF_8);
		Matcher kid = KID.matcher(header);
		assertThat(kid.find()).as("a kid in %s", header).isTrue();
		return kid.group(1);
	}

	/** The kids of a JWKS, given as a document or as the URL to fetch it from. */
	private List<String> kids(String jwksOrUrl) {
		String jwks = jwksOrUrl.startsWith("http") ? fetch(jwksOrUrl) : jwksOrUrl;
		return PublicKeySet.parse(jwks).publicKeys().stream().map(PublicJwk::getId).toList();
	}

	private String fetch(String url) {
		Response response = new Api(this.suite).send("GET", url, null);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.body();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Cluster(String authBilling1, String authBilling2, String gateway) {

		List<String> authBillings() {
			return List.of(this.authBilling1, this.authBilling2);
		}

	}

}
