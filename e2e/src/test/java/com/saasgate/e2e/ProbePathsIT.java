package com.saasgate.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths the Kubernetes probes and the Prometheus scrape use (deploy/k8s, ops/prometheus) answer on
 * both services' management ports, as deploy-check assumes from application.yml.
 */
@ExtendWith(E2eSuite.class)
class ProbePathsIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus" })
	void managementPortWhenProbedThenAnswers200OnBothServices(String path, DevSuite suite) throws Exception {
		assertThat(status(suite.gatewayManagementUrl() + path)).as("gateway " + path).isEqualTo(200);
		assertThat(status(suite.authBillingManagementUrl() + path)).as("auth-billing " + path).isEqualTo(200);
	}

	private int status(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
