package com.saasgate.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, Stripe's API failing during checkout, seen from outside: for each fault (500, 429, an answer
 * slower than auth-billing's Stripe timeout, a closed port) two users check out through both gateways
 * with parallel requests: one whose Stripe customer does not exist yet (the fault hits its creation) and
 * one who has a customer (the fault hits the Checkout Session). Every request gets {@code 502
 * stripe_unavailable}; once Stripe is healthy the same parallel requests all succeed, and Stripe's
 * journal shows one customer per user (every creation of it under the one idempotency key
 * {@code customer-create-<userId>}, so Stripe replays instead of creating a second) and no Checkout
 * Session handed out twice. The slow fault is the one case in which Stripe makes a session the user never
 * sees (it answered after stripe-java gave up); stripe-java's retries of it share one idempotency key, so
 * a failed checkout leaves at most one such session, unused, and it expires by itself.
 */
@ExtendWith(ClusterSuite.class)
class StripeFaultsIT {

	private static final int PARALLEL = 3;

	/** Past {@link ClusterSuite#STRIPE_TIMEOUT}: stripe-java gives up before Stripe answers. */
	private static final int SLOW_MILLIS = 2500;

	private static final Map<Fault, Result> results = new EnumMap<>(Fault.class);

	private final ClusterSuite.Cluster cluster;

	StripeFaultsIT(ClusterSuite.Cluster cluster) {
		this.cluster = cluster;
	}

	enum Fault {

		SERVER_ERROR("500"), RATE_LIMITED("429"), SLOW("answer after " + SLOW_MILLIS + " ms"), CONNECTION_REFUSED(
				"closed port");

		final String label;

		Fault(String label) {
			this.label = label;
		}

	}

	private record Result(int checkouts, int orphanSessions, long doubled, long serverErrors) {
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void checkoutWhenStripeFailsThen502AndRetriesAfterRecoveryMakeOneCustomerAndNoSessionTwice(Fault fault)
			throws Exception {
		StripeFake stripe = this.cluster.stripe();
		Api api = this.cluster.client(1);
		Buyer fresh = buyer(api);
		Buyer returning = buyer(api);
		Response first = checkout(returning, 1);
		assertThat(first.status()).as("the returning user's first checkout: %s", first).isEqualTo(200);

		inject(stripe, fault);
		List<Response> failed;
		try {
			failed = checkoutsInParallel(fresh, returning);
		}
		finally {
			stripe.healthy();
		}
		List<Response> retried = checkoutsInParallel(fresh, returning);

		assertThat(failed).allSatisfy((response) -> Problems.assertProblem(response, 502, "stripe_unavailable"));
		assertThat(retried).allSatisfy((response) -> {
			assertThat(response.status()).as("%s", response).isEqualTo(200);
			assertThat(response.text("url")).startsWith("https://checkout.stripe.test/c/pay/cs_");
		});
		// One key per checkout that reached Stripe: the first, the retries, and (unless the port was
		// closed) the returning user's failed ones; the slow fault's are answered late, all 200.
		int reachedStripe = 1 + 2 * PARALLEL + ((fault == Fault.CONNECTION_REFUSED) ? 0 : PARALLEL);
		Map<String, List<ServeEvent>> sessions = await("Stripe's answers, late ones included")
			.atMost(Duration.ofSeconds(20))
			.until(() -> sessionsByKey(fresh, returning), (byKey) -> byKey.size() == reachedStripe
					&& (fault != Fault.SLOW || made(byKey).size() == reachedStripe));
		List<String> handedOut = new ArrayList<>();
		for (Response response : concat(List.of(first), retried)) {
			handedOut.add(response.text("url").substring(response.text("url").indexOf("/cs_") + 4));
		}
		assertThat(handedOut).as("no session handed out twice").doesNotHaveDuplicates();
		assertThat(made(sessions)).as("every session handed out was made by Stripe").containsAll(handedOut);
		assertThat(sessions.keySet()).as("every session creation carries an idempotency key").doesNotContain("null");
		assertThat(sessions.values()).as("stripe-java's tries of one session share its key")
			.allSatisfy((tries) -> assertThat(tries).hasSizeLessThanOrEqualTo(1 + ClusterSuite.STRIPE_MAX_RETRIES));
		Set<String> orphans = new HashSet<>(made(sessions));
		orphans.removeAll(handedOut);
		assertThat(orphans).as("sessions Stripe made that nobody was given: only the slow fault's late ones, one"
				+ " per failed checkout").hasSize((fault == Fault.SLOW) ? PARALLEL : 0);
		try (Connection db = this.cluster.database()) {
			for (Buyer buyer : List.of(fresh, returning)) {
				assertThat(customerKeys(buyer)).as("idempotency keys of %s's customer creations", buyer.userId())
					.containsExactly("customer-create-" + buyer.userId());
				assertThat(storedCustomer(db, buyer)).isEqualTo("cus_customer-create-" + buyer.userId());
			}
		}
		long serverErrors = concat(failed, retried).stream()
			.filter((r) -> r.status() >= 500 && !"stripe_unavailable".equals(r.text("code"))).count();
		int orphanCount = orphans.size();
		results.put(fault, new Result(failed.size() + retried.size() + 1, orphanCount, 0, serverErrors));
	}

	@AfterAll
	static void recordWhenEveryFaultHeld() {
		if (results.size() != Fault.values().length) {
			return;
		}
		int checkouts = results.values().stream().mapToInt(Result::checkouts).sum();
		int orphans = results.values().stream().mapToInt(Result::orphanSessions).sum();
		Reliability.record(new Reliability.Row("stripe-faults",
				"Stripe's API failing during checkout: "
						+ results.keySet().stream().map((f) -> f.label).collect(Collectors.joining(", ")),
				String.format("%d checkouts through 2 gateways and 2 auth-billings, %d in parallel per user: during"
						+ " each fault, then retried once Stripe was back", checkouts, PARALLEL),
				0, results.values().stream().mapToLong(Result::doubled).sum(),
				results.values().stream().mapToLong(Result::serverErrors).sum(),
				"every checkout during a fault 502 stripe_unavailable; every retry 200; one customer per user "
						+ "(one idempotency key); no session handed out twice; " + orphans
						+ " session(s) Stripe made too late for the slow fault, never shown, expiring unused"));
	}

	private static void inject(StripeFake stripe, Fault fault) {
		switch (fault) {
			case SERVER_ERROR -> stripe.failing(500, "api_error");
			case RATE_LIMITED -> stripe.failing(429, "rate_limit_error");
			case SLOW -> stripe.slow(SLOW_MILLIS);
			case CONNECTION_REFUSED -> stripe.refuseConnections();
		}
	}

	/** {@link #PARALLEL} checkouts of each buyer at once, alternating between the gateways. */
	private List<Response> checkoutsInParallel(Buyer fresh, Buyer returning) throws Exception {
		AtomicInteger next = new AtomicInteger();
		return Parallel.run(2 * PARALLEL, () -> {
			int n = next.getAndIncrement();
			return checkout((n % 2 == 0) ? fresh : returning, 1 + (n / 2) % 2);
		});
	}

	private Response checkout(Buyer buyer, int gateway) {
		return buyer.api().via(this.cluster.gatewayUrls().get(gateway - 1))
			.post("/api/billing/checkout", Map.of("tier", "pro"), "Authorization", buyer.tokens().bearer());
	}

	/**
	 * The buyers' session creations Stripe has answered, by idempotency key (one key is one session: Stripe
	 * replays a key). A late answer of the slow fault counts once Stripe has sent it.
	 */
	private Map<String, List<ServeEvent>> sessionsByKey(Buyer fresh, Buyer returning) {
		return this.cluster.stripe().journal().stream()
			.filter((e) -> e.getRequest().getUrl().startsWith(StripeFake.CHECKOUT_SESSIONS))
			.filter((e) -> e.getRequest().getBodyAsString().contains(fresh.userId())
					|| e.getRequest().getBodyAsString().contains(returning.userId()))
			.filter((e) -> e.getResponse() != null && e.getResponse().getStatus() != 0)
			.collect(Collectors.groupingBy((e) -> String.valueOf(e.getRequest().getHeader("Idempotency-Key"))));
	}

	private static Set<String> made(Map<String, List<ServeEvent>> sessions) {
		return sessions.entrySet().stream()
			.filter((entry) -> entry.getValue().stream().anyMatch((e) -> e.getResponse().getStatus() == 200))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	/** The idempotency keys of every customer creation Stripe received for the buyer. */
	private Set<String> customerKeys(Buyer buyer) {
		return this.cluster.stripe().journal().stream()
			.filter((e) -> e.getRequest().getUrl().startsWith(StripeFake.CUSTOMERS))
			.filter((e) -> e.getRequest().getBodyAsString().contains(buyer.userId()))
			.map((e) -> e.getRequest().getHeader("Idempotency-Key"))
			.collect(Collectors.toSet());
	}

	private static String storedCustomer(Connection db, Buyer buyer) throws Exception {
		try (PreparedStatement statement = db.prepareStatement("SELECT stripe_customer_id FROM users WHERE id = ?::uuid")) {
			statement.setString(1, buyer.userId());
			try (ResultSet row = statement.executeQuery()) {
				assertThat(row.next()).isTrue();
				return row.getString(1);
			}
		}
	}

	private static List<Response> concat(List<Response> one, List<Response> other) {
		List<Response> all = new ArrayList<>(one);
		all.addAll(other);
		return all;
	}

	private static Buyer buyer(Api api) {
		Api client = api.newClient();
		TokenPair tokens = client.verifiedUser(Account.fresh());
		return new Buyer(client, tokens, client.me(tokens).text("userId"));
	}

	private record Buyer(Api api, TokenPair tokens, String userId) {

		Buyer {
			UUID.fromString(userId);
		}

	}


}
