package com.saasgate.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link DevSuite} for the whole test run (free ports, GreenMail, the jars the build just packaged),
 * started by the first test class that asks for it and stopped when the run ends. Test classes take an
 * {@link Api} (or the {@link DevSuite}) as a constructor or method parameter.
 *
 * <p>{@code TEST_DATABASE_URL} / {@code TEST_REDIS_URL} point it at external servers, as for the other
 * modules' tests; nothing else from the shell's environment reaches the services.
 */
final class E2eSuite implements ParameterResolver {

	/** Short, so that the reuse test waits it out in seconds; the contract's default is 10 s. */
	static final String REFRESH_REUSE_GRACE = "3s";

	static final String TRUSTED_PROXIES = "127.0.0.1/32, ::1";

	/** The Stripe price of the pro tier in this suite. */
	static final String PRICE_PRO = "price_e2e_pro";

	/** The metered upstream: its requests need {@code llm_tokens} quota left. */
	static final String METERED_UPSTREAM = "intelligence";

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == Api.class || type == DevSuite.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		DevSuite suite = running(context);
		return (parameter.getParameter().getType() == DevSuite.class) ? suite : new Api(suite);
	}

	/**
	 * {@code TEST_DATABASE_URL} and {@code TEST_REDIS_URL} as the services' {@code DATABASE_URL} and
	 * {@code REDIS_URL}: external servers instead of the embedded ones, as for the other modules' tests.
	 */
	static Map<String, String> externalServers() {
		Map<String, String> environment = new HashMap<>();
		copy("TEST_DATABASE_URL", "DATABASE_URL", environment);
		copy("TEST_REDIS_URL", "REDIS_URL", environment);
		return environment;
	}

	private static void copy(String from, String to, Map<String, String> environment) {
		String value = System.getenv(from);
		if (value != null && !value.isBlank()) {
			environment.put(to, value);
		}
	}

	private static DevSuite running(ExtensionContext context) {
		return context.getRoot()
			.getStore(Namespace.create(E2eSuite.class))
			.computeIfAbsent(DevSuite.class, (key) -> Started.start(), Started.class)
			.get();
	}

	/** The suite, or why it could not start (kept, so the next test class does not wait for it again). */
	private record Started(DevSuite suite, RuntimeException failure) implements AutoCloseable {

		static Started start() {
			Path work = Path.of(System.getProperty("e2e.workDirectory", "target/e2e"));
			try {
				return new Started(DevSuite.builder()
					.environment(externalServers())
					.set("AUTH_REFRESH_REUSE_GRACE", REFRESH_REUSE_GRACE)
					// The tests play the load balancer: their loopback connections are a trusted proxy, and
					// each Api sends its client's address in X-Forwarded-For. DirectClient comes from
					// 127.0.0.2, an untrusted address, to attack the gateway as an outsider.
					.set("TRUSTED_PROXIES", TRUSTED_PROXIES)
					// Internal services behind the gateway: memory is not metered, intelligence spends llm_tokens.
					.set("UPSTREAM_MEMORY_URL", E2eUpstream.server().baseUrl())
					.set("UPSTREAM_INTELLIGENCE_URL", E2eUpstream.server().baseUrl())
					.set("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", "llm_tokens")
					.set("STRIPE_PRICE_PRO", PRICE_PRO)
					.freePorts()
					.authBillingJar(Path.of(System.getProperty("e2e.authBillingJar", DevSuite.defaultJar("auth-billing").toString())))
					.gatewayJar(Path.of(System.getProperty("e2e.gatewayJar", DevSuite.defaultJar("gateway").toString())))
					.logDirectory(work.resolve("logs"))
					.mailbox(work.resolve("mail"))
					// The reference web app (when built) and the mailbox page, for the browser tests.
					.webApp(Path.of(System.getProperty("e2e.webApp", "../clients/web/dist")))
					.mailboxPage(0)
					.printMails(false)
					.start(), null);
			}
			catch (RuntimeException ex) {
				return new Started(null, ex);
			}
		}

		DevSuite get() {
			if (this.failure != null) {
				throw new IllegalStateException("The dev suite did not start: " + this.failure.getMessage(), this.failure);
			}
			return this.suite;
		}

		@Override
		public void close() {
			if (this.suite != null) {
				this.suite.close();
			}
		}

	}

}
