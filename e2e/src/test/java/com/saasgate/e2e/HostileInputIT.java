package com.saasgate.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.saasgate.devsupport.hostile.ApiDescription;
import com.saasgate.devsupport.hostile.ApiDescription.Operation;
import com.saasgate.devsupport.hostile.HostileRequest;
import com.saasgate.devsupport.hostile.HostileRequests;
import com.saasgate.devsupport.hostile.HostileSuite;
import com.saasgate.devsupport.hostile.RawHttp;
import com.saasgate.devsupport.hostile.TableChecksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input for every operation of the gateway's public description ({@code GET /api/docs}, read at
 * run time), end to end through the real gateway to the real auth-billing, with a verified user's token
 * where an operation wants one: never a 5xx (but {@code 502 stripe_unavailable}, as there is no Stripe
 * here, and {@code 503} with {@code Retry-After}), always a problem document with a contract
 * {@code code}, and no row of auth-billing's database changed by a 4xx. Seed and tries as in
 * auth-billing's HostileInputTests ({@code -Dhostile.seed}, {@code -Dhostile.tries}).
 */
@ExtendWith(E2eSuite.class)
class HostileInputIT {

	static final long SEED = Long.getLong("hostile.seed", 20_261_207L);

	static final int TRIES = Integer.getInteger("hostile.tries", 8);

	/** The scheduled jobs' lock rows, rewritten on the jobs' own schedule whatever the requests. */
	static final Set<String> NOT_CHECKED = Set.of("shedlock");

	/** Work auth-billing finishes after answering (mail and tier broadcasts, Stripe events): waited out after a 2xx. */
	private static final String BACKGROUND_WORK = """
			SELECT (SELECT count(*) FROM outbox
			        WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= now())
			     + (SELECT count(*) FROM stripe_events WHERE status = 'pending' AND next_attempt_at <= now())
			""";

	private final Api api;

	HostileInputIT(Api api) {
		this.api = api;
	}

	@Test
	void everyPublicOperationWhenFedHostileInputThenNoServerErrorAProblemAndNoRowChangedBy4xx() throws SQLException {
		Account account = Account.fresh();
		TokenPair tokens = this.api.verifiedUser(account);
		String userId = this.api.me(tokens).text("userId");
		List<Operation> operations = ApiDescription.operations(this.api.get("/api/docs").json());
		assertThat(operations).as("operations in /api/docs").hasSizeGreaterThan(10);
		HostileRequests requests = new HostileRequests(known(userId), SEED, TRIES);
		List<String> failures = new ArrayList<>();
		try (Connection database = TableChecksums.connect(this.api.suite().databaseUrl());
				Connection checks = TableChecksums.connect(this.api.suite().databaseUrl());
				TableChecksums tables = new TableChecksums(database, NOT_CHECKED)) {
			HostileSuite suite = new HostileSuite(new RawHttp(this.api.suite().gatewayUrl()), tables,
					() -> awaitBackgroundWork(checks));
			for (Operation operation : operations) {
				HostileRequest valid = requests.valid(operation);
				// a client address of its own per operation, as the load balancer would report it: the
				// per-address limits of one operation's requests do not shut out the next
				Map<String, String> credentials = new LinkedHashMap<>(Map.of("X-Forwarded-For", Api.randomClientAddress()));
				if (suite.probe(valid, credentials).status() == 401) {
					credentials.put("Authorization", tokens.bearer());
				}
				HostileSuite.Result result = suite.fuzz(operation, requests.of(operation), credentials,
						(answer) -> !isUpstream(operation) || isProblem(answer));
				System.out.printf("hostile input: %s, %d requests in %d ms%n", operation, result.requests(), result.millis());
				failures.addAll(result.failures());
			}
			assertThat(failures).as("%d of %d hostile requests broke the contract (seed %d, tries %d)", failures.size(),
					suite.sent(), SEED, TRIES).isEmpty();
			Reliability.record(new Reliability.Row("hostile-input", "Hostile input from the gateway's own OpenAPI description",
					String.format("%,d requests over %d operations (each field missing, null, of each wrong type and extreme; "
							+ "bodies not JSON, nested, with duplicate keys or invalid UTF-8; broken escapes and hostile ids "
							+ "in paths and queries; seed %d, %d random tries each)", suite.sent(), operations.size(), SEED, TRIES),
					0, 0, 0, "every answer a 2xx or a problem document with a contract code; no row changed by a 4xx"));
		}
	}

	@Test
	void webhookWhenSignatureFillsTheGatewaysHeaderLimitThenInvalidSignatureNotBadGateway() {
		// The gateway adds its own headers on the way: auth-billing must still read what it forwards.
		Response response = this.api.post("/api/billing/webhooks", "{}", "Stripe-Signature", "t=1,v1=" + "a".repeat(7_600));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("invalid_signature");
	}

	/**
	 * Whether the gateway routes {@code operation} to an internal service ({@code UPSTREAM_<NAME>_URL}).
	 * There the gateway's own answers are problem documents and judged; any other answer is the
	 * service's, passed on as it came (here a WireMock stand-in, whose Jetty answers a form body with
	 * {@code %ff} with its own 500).
	 */
	private boolean isUpstream(Operation operation) {
		return this.api.suite().environment().keySet().stream()
			.filter((name) -> name.startsWith("UPSTREAM_") && name.endsWith("_URL"))
			.map((name) -> "/api/" + name.substring("UPSTREAM_".length(), name.length() - "_URL".length()).toLowerCase(java.util.Locale.ROOT) + "/")
			.anyMatch(operation.path()::startsWith);
	}

	private static boolean isProblem(RawHttp.Answer answer) {
		String type = answer.header("Content-Type");
		return type != null && type.startsWith("application/problem+json");
	}

	/** Values a schema cannot know: ids that exist, so that the rest of the input is what gets judged. */
	private static Map<String, Object> known(String userId) {
		Map<String, Object> known = new LinkedHashMap<>();
		known.put("userId", userId);
		known.put("resourceType", "llm_tokens");
		known.put("tier", "pro");
		known.put("email", "hostile-" + SEED + "@example.com");
		known.put("password", "Tall-Lantern-" + SEED);
		known.put("newPassword", "Tall-Lantern-" + SEED);
		known.put("path", "hostile");
		return known;
	}

	private static void awaitBackgroundWork(Connection connection) {
		await("auth-billing's outbox and Stripe events applier").atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> pending(connection) == 0);
	}

	private static long pending(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(BACKGROUND_WORK)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
