package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ops/metrics.txt}, the one list of metric names that the Grafana dashboard and the alert rules
 * may query (deploy-check holds them to it), against what the running services really export on their
 * management ports: every {@code exported} name is in the scrape of its service, and no {@code pending}
 * one is (once it is, the list must say {@code exported}).
 */
@ExtendWith(E2eSuite.class)
class ExportedMetricsIT {

	private static final Path LIST = Path.of(System.getProperty("e2e.metricsList", "../ops/metrics.txt"));

	private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void metricsListWhenServicesScrapedThenMatchesWhatTheyExport(Api api, DevSuite suite) {
		// A public call, a badly signed webhook and a call that takes a user through the gateway's tier
		// lookup (a service call): the request timers, stripe_webhook_total and service_auth_attempts_total
		// are registered at their first event, not at start-up.
		api.get("/api/billing/plans");
		assertThat(api.post("/api/billing/webhooks", "{}", "Stripe-Signature", "t=1,v1=00").status()).isEqualTo(400);
		Account account = Account.fresh();
		api.verifiedUser(account);
		assertThat(api.me(api.session(account)).status()).isEqualTo(200);
		Set<String> gateway = scrape(suite.gatewayManagementUrl());
		Set<String> authBilling = scrape(suite.authBillingManagementUrl());

		List<String> problems = new ArrayList<>();
		for (Entry entry : entries()) {
			boolean inGateway = gateway.contains(entry.name());
			boolean inAuthBilling = authBilling.contains(entry.name());
			boolean present = switch (entry.service()) {
				case "gateway" -> inGateway;
				case "auth-billing" -> inAuthBilling;
				case "both" -> inGateway && inAuthBilling;
				default -> entry.exported();
			};
			boolean anywhere = inGateway || inAuthBilling;
			if (entry.exported() && !present) {
				problems.add(entry.name() + " is listed as exported by " + entry.service() + " but is not in its scrape");
			}
			if (!entry.exported() && anywhere) {
				problems.add(entry.name() + " is exported now: mark it `exported` in ops/metrics.txt");
			}
		}
		assertThat(problems).as("ops/metrics.txt against /actuator/prometheus").isEmpty();
	}

	private Set<String> scrape(String managementUrl) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus")).build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("scrape of %s", managementUrl).isEqualTo(200);
			return response.body()
				.lines()
				.filter((line) -> !line.startsWith("#"))
				.map(SAMPLE_NAME::matcher)
				.filter(java.util.regex.Matcher::find)
				.map((matcher) -> matcher.group(1))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<Entry> entries() {
		try {
			return Files.readAllLines(LIST)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> line.split("\\s+", 4))
				.map((fields) -> new Entry(fields[0], fields[1], "exported".equals(fields[2])))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Entry(String name, String service, boolean exported) {
	}

}
