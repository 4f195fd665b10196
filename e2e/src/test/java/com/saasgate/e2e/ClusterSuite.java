package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.Jdbc;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two gateways and two auth-billings on one machine, sharing one PostgreSQL, one Redis and one mail
 * catcher, with WireMock as Stripe's API ({@link StripeFake}): a {@link DevSuite} of its own plus one
 * replica of each service ({@link DevSuite#startReplica}). Gateway 1 routes to auth-billing 1, gateway 2
 * to auth-billing 2. Started once per test run by the first class that takes a {@link Cluster}, and
 * stopped when the run ends; the shared {@link E2eSuite} is left as it is.
 *
 * <p>Its settings make the faults testable in seconds: Stripe's timeout 1 s with one retry, a crashed
 * trial run's lock held 15 s ({@code TRIAL_LOCK_AT_MOST_FOR}), a crashed relay's outbox claim 15 s
 * ({@code OUTBOX_LEASE}), small trial and outbox batches so that a run spans many commits, and a
 * {@code free_trial} limit of {@value #TRIAL_PER_MINUTE} requests a minute.
 */
final class ClusterSuite implements ParameterResolver {

	static final String PRICE_PRO = "price_cluster_pro";

	static final String PRICE_BASIC = "price_cluster_basic";

	static final int TRIAL_PER_MINUTE = 20;

	static final Duration STRIPE_TIMEOUT = Duration.ofSeconds(1);

	static final int STRIPE_MAX_RETRIES = 1;

	static final Duration TRIAL_LOCK_AT_MOST_FOR = Duration.ofSeconds(15);

	static final Duration OUTBOX_LEASE = Duration.ofSeconds(15);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Cluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(Namespace.create(ClusterSuite.class))
			.computeIfAbsent(Cluster.class, (key) -> Started.start(), Started.class)
			.get();
	}

	/** The running cluster. */
	static final class Cluster {

		private final DevSuite suite;

		private final DevSuite.Replica authBilling2;

		private final DevSuite.Replica gateway2;

		private final StripeFake stripe;

		Cluster(DevSuite suite, DevSuite.Replica authBilling2, DevSuite.Replica gateway2, StripeFake stripe) {
			this.suite = suite;
			this.authBilling2 = authBilling2;
			this.gateway2 = gateway2;
			this.stripe = stripe;
		}

		DevSuite suite() {
			return this.suite;
		}

		StripeFake stripe() {
			return this.stripe;
		}

		/** A new client (its own address) of gateway {@code n} (1 or 2). */
		Api client(int n) {
			Api api = new Api(this.suite);
			return (n == 1) ? api : api.via(this.gateway2.url());
		}

		List<String> gatewayUrls() {
			return List.of(this.suite.gatewayUrl(), this.gateway2.url());
		}

		/** auth-billing 1 and 2, reached directly (internal endpoints). */
		List<String> authBillingUrls() {
			return List.of(this.suite.authBillingUrl(), this.authBilling2.url());
		}

		/** The suite's name of auth-billing {@code n}, for {@link DevSuite#killService} and the like. */
		String authBillingName(int n) {
			return (n == 1) ? "auth-billing" : this.authBilling2.name();
		}

		String secret(String name) {
			return this.suite.environment().get(name);
		}

		/** An {@code X-Service-Token} of {@code service} for auth-billing, as that service mints it. */
		String serviceToken(String service) {
			return new ServiceTokens(secret("SERVICE_JWT_SECRET"), Clock.systemUTC()).issue(service, "auth-billing",
					null, Duration.ofMinutes(2));
		}

		Connection database() throws SQLException {
			return Jdbc.connect(this.suite.databaseUrl());
		}

	}

	/** The cluster, or why it could not start (kept, so that the next class does not wait for it again). */
	private record Started(Cluster cluster, RuntimeException failure) implements AutoCloseable {

		static Started start() {
			Path work = Path.of(System.getProperty("e2e.workDirectory", "target/e2e")).resolve("cluster");
			StripeFake stripe = StripeFake.start();
			DevSuite suite = null;
			try {
				suite = DevSuite.builder()
					.environment(E2eSuite.externalServers())
					.set("TRUSTED_PROXIES", E2eSuite.TRUSTED_PROXIES)
					.set("UPSTREAM_MEMORY_URL", E2eUpstream.server().baseUrl())
					.set("STRIPE_SECRET_KEY", "sk_test_cluster_" + Long.toHexString(System.nanoTime()))
					.set("STRIPE_API_BASE", stripe.baseUrl())
					.set("STRIPE_PRICE_PRO", PRICE_PRO)
					.set("STRIPE_PRICE_BASIC", PRICE_BASIC)
					.set("STRIPE_TIMEOUT", STRIPE_TIMEOUT.toMillis() + "ms")
					.set("STRIPE_MAX_RETRIES", Integer.toString(STRIPE_MAX_RETRIES))
					// The hourly reconciliation would call the fake's /v1/events at hh:00.
					.set("STRIPE_RECONCILIATION_ENABLED", "false")
					.set("BILLING_PLANS_FREETRIAL_REQUESTSPERMINUTE", Integer.toString(TRIAL_PER_MINUTE))
					.set("TRIAL_LOCK_AT_MOST_FOR", TRIAL_LOCK_AT_MOST_FOR.toSeconds() + "s")
					.set("TRIAL_BATCH_SIZE", "2")
					.set("OUTBOX_BATCH_SIZE", "5")
					.set("OUTBOX_HANDLER_TIMEOUT", "2s")
					.set("OUTBOX_LEASE", OUTBOX_LEASE.toSeconds() + "s")
					.set("AUTH_REGISTER_MAX_PER_IP", "1000")
					// The gateway's tier look-up answers 503 after 2 s by default: on a shared 2-core machine
					// four service JVMs starting and working at once can be that slow, and that is not a
					// fault these tests are about.
					.set("GATEWAY_TIER_LOAD_TIMEOUT", "10s")
					// Likewise the rate limiter's Redis call (100 ms by default, then a per-gateway bucket).
					.set("GATEWAY_RATE_LIMIT_REDIS_TIMEOUT", "2s")
					// and auth-billing's (500 ms, then login attempts counted in memory per replica)
					.set("SPRING_DATA_REDIS_TIMEOUT", "5s")
					.freePorts()
					.authBillingJar(jar("auth-billing"))
					.gatewayJar(jar("gateway"))
					.logDirectory(work.resolve("logs"))
					.mailbox(work.resolve("mail"))
					.printMails(false)
					.start();
				DevSuite started = suite;
				int authBilling2Port = freePort();
				String authBilling2Url = "http://localhost:" + authBilling2Port;
				// Both replicas start at once: the second gateway is healthy once the second auth-billing is.
				CompletableFuture<DevSuite.Replica> authBilling2 = CompletableFuture.supplyAsync(() -> started
					.startReplica("auth-billing-2", "auth-billing", Map.of("AUTH_BILLING_PORT",
							Integer.toString(authBilling2Port), "AUTH_BILLING_URL", authBilling2Url)));
				DevSuite.Replica gateway2 = started.startReplica("gateway-2", "gateway",
						Map.of("AUTH_BILLING_URL", authBilling2Url));
				return new Started(new Cluster(suite, authBilling2.join(), gateway2, stripe), null);
			}
			catch (RuntimeException ex) {
				if (suite != null) {
					suite.close();
				}
				stripe.stop();
				return new Started(null, ex);
			}
		}

		private static Path jar(String module) {
			return Path.of(System.getProperty("e2e." + ("gateway".equals(module) ? "gatewayJar" : "authBillingJar"),
					DevSuite.defaultJar(module).toString()));
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Cluster get() {
			if (this.failure != null) {
				throw new IllegalStateException("The cluster did not start: " + this.failure.getMessage(), this.failure);
			}
			return this.cluster;
		}

		@Override
		public void close() {
			if (this.cluster != null) {
				this.cluster.suite().close();
				this.cluster.stripe().stop();
			}
		}

	}

}
