package com.saasgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.e2e.ApiContract.Call;
import com.saasgate.e2e.ApiContract.Caller;
import com.saasgate.e2e.ApiContract.Operation;
import com.saasgate.security.ProblemCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both live descriptions against {@code ../shared/api-contract.md}: every call of the contract with
 * every status and code it names, nothing the contract does not name (bar the operator endpoints of its
 * section 9), and a {@code Problem} code enum holding the contract's codes plus only the extensions
 * ARCHITECTURE.md lists.
 */
@ExtendWith(E2eSuite.class)
class ContractDocsIT {

	private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

	private final ApiContract contract = ApiContract.read();

	private final JsonNode authBilling;

	private final JsonNode gateway;

	ContractDocsIT(DevSuite suite) throws IOException {
		this.authBilling = ApiDescriptions.fetch(suite.authBillingUrl(), "/v3/api-docs");
		this.gateway = ApiDescriptions.fetch(suite.gatewayUrl(), "/api/docs");
		// kept for the client generators (openapi-typescript) and for reading a failure
		Path kept = Path.of(System.getProperty("e2e.workDirectory", "target/e2e"), "api-docs");
		Files.createDirectories(kept);
		Files.writeString(kept.resolve("auth-billing.json"), this.authBilling.toString());
		Files.writeString(kept.resolve("gateway.json"), this.gateway.toString());
	}

	@Test
	void contractWhenReadThenItsTablesAreFound() {
		assertThat(this.contract.calls()).hasSizeGreaterThanOrEqualTo(25);
		assertThat(this.contract.routes()).hasSizeGreaterThanOrEqualTo(18);
		assertThat(this.contract.operatorEndpoints()).hasSizeGreaterThanOrEqualTo(9);
		assertThat(ProblemCodes.CONTRACT).as("ProblemCodes.CONTRACT: the contract's codes")
			.containsExactlyInAnyOrderElementsOf(this.contract.codes());
	}

	@Test
	void authBillingDocsWhenComparedWithContractThenEveryCallStatusAndCodeIsDescribed() {
		List<String> missing = new ArrayList<>();
		for (Call call : this.contract.calls()) {
			missing.addAll(missing(this.authBilling, call.operation(), call));
		}

		assertThat(missing).as("contract calls /v3/api-docs lacks").isEmpty();
	}

	@Test
	void authBillingDocsWhenComparedWithContractThenNothingBeyondContractAndOperatorEndpoints() throws IOException {
		Set<Operation> known = new LinkedHashSet<>(this.contract.operatorEndpoints());
		this.contract.calls().forEach((call) -> known.add(call.operation()));
		known.addAll(operationsListedInArchitecture());

		assertThat(operations(this.authBilling)).as("operations of /v3/api-docs").isSubsetOf(known);
	}

	@Test
	void gatewayDocsWhenComparedWithContractThenEveryRouteIsDescribedWithAuthBillingsStatuses() {
		List<String> missing = new ArrayList<>();
		for (Operation route : this.contract.routes()) {
			if (route.path().startsWith("/api/{service}/")) {
				missing.addAll(upstreamsMissing());
				continue;
			}
			Call call = this.contract.calls()
				.stream()
				.filter((candidate) -> candidate.operation()
					.equals(new Operation(route.method(), route.path().replaceFirst("^/api", ""))))
				.findFirst()
				.orElse(null);
			if (call == null) {
				// the gateway's own health and probes: present, with their success status
				missing.addAll(missing(this.gateway, route, null));
			}
			else {
				missing.addAll(missing(this.gateway, route, call));
			}
		}

		assertThat(missing).as("contract routes /api/docs lacks").isEmpty();
	}

	@Test
	void gatewayDocsWhenComparedWithContractThenOnlyItsRoutes() throws IOException {
		Set<Operation> routes = new LinkedHashSet<>(this.contract.routes());
		routes.addAll(operationsListedInArchitecture());

		for (Operation operation : operations(this.gateway)) {
			boolean upstream = operation.path().matches("/api/[a-z0-9-]+/\\{path}");
			assertThat(upstream || routes.contains(operation)).as("%s of /api/docs is a contract route", operation)
				.isTrue();
		}
	}

	@Test
	void problemCodeEnumWhenComparedWithContractThenContractCodesAndOnlyDocumentedExtensions() throws IOException {
		Set<String> documented = extensionsListedInArchitecture();

		for (JsonNode docs : List.of(this.authBilling, this.gateway)) {
			List<String> codes = new ArrayList<>();
			docs.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
				.forEach((code) -> codes.add(code.asString()));
			assertThat(codes).as("the Problem code enum").containsAll(this.contract.codes());
			assertThat(codes).as("the Problem code enum")
				.allMatch((code) -> this.contract.codes().contains(code) || documented.contains(code));
		}
	}

	private List<String> upstreamsMissing() {
		List<String> missing = new ArrayList<>();
		List<String> upstreams = new ArrayList<>();
		this.gateway.path("paths").propertyNames().stream()
			.filter((path) -> path.matches("/api/[a-z0-9-]+/\\{path}"))
			.forEach(upstreams::add);
		if (upstreams.isEmpty()) {
			missing.add("ANY /api/{service}/**: no upstream described");
		}
		for (String path : upstreams) {
			for (String method : METHODS) {
				JsonNode responses = this.gateway.path("paths").path(path).path(method).path("responses");
				if (!responses.has("401") || !codes(responses.path("429")).contains("rate_limited")
						|| !responses.has("default")) {
					missing.add(method + " " + path + ": 401, 429 rate_limited and default");
				}
			}
		}
		return missing;
	}

	private static List<String> missing(JsonNode docs, Operation operation, Call call) {
		JsonNode described = docs.path("paths").path(operation.path()).path(operation.method());
		if (described.isMissingNode()) {
			return List.of(operation + ": not described");
		}
		List<String> missing = new ArrayList<>();
		JsonNode responses = described.path("responses");
		if (call == null) {
			if (!responses.has("200")) {
				missing.add(operation + " 200");
			}
			return missing;
		}
		for (Map.Entry<Integer, Set<String>> status : call.codes().entrySet()) {
			JsonNode response = responses.path(Integer.toString(status.getKey()));
			if (response.isMissingNode()) {
				missing.add(operation + " " + status.getKey() + ": status not described");
			}
			else if (!codes(response).containsAll(status.getValue())) {
				missing.add(operation + " " + status.getKey() + " " + status.getValue() + ": codes " + codes(response));
			}
		}
		if (call.caller() == Caller.SERVICE && (!codes(responses.path("401")).contains("service_auth_required")
				|| !codes(responses.path("403")).contains("service_forbidden"))) {
			missing.add(operation + ": 401 service_auth_required and 403 service_forbidden (section 6)");
		}
		if (call.caller() == Caller.USER && !responses.has("401")) {
			missing.add(operation + ": 401 for a user call");
		}
		return missing;
	}

	private static Set<Operation> operations(JsonNode docs) {
		Set<Operation> operations = new LinkedHashSet<>();
		docs.path("paths").properties().forEach((path) -> path.getValue().propertyNames().stream()
			.filter((method) -> METHODS.contains(method) || method.equals("head") || method.equals("options"))
			.forEach((method) -> operations.add(new Operation(method, path.getKey()))));
		return operations;
	}

	private static List<String> codes(JsonNode response) {
		List<String> codes = new ArrayList<>();
		response.path("x-problem-codes").forEach((code) -> codes.add(code.asString()));
		return codes;
	}

	/** The codes of ARCHITECTURE.md's paragraph "Problem codes beyond the contract" (API docs). */
	private static Set<String> extensionsListedInArchitecture() throws IOException {
		Matcher code = Pattern.compile("`([a-z]+(?:_[a-z]+)*)`")
			.matcher(architectureParagraph("Problem codes beyond the contract"));
		Set<String> codes = new LinkedHashSet<>();
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

	/** The {@code `METHOD /path`} of ARCHITECTURE.md's paragraph "Operations beyond the contract" (API docs). */
	private static Set<Operation> operationsListedInArchitecture() throws IOException {
		Matcher operation = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s]*)`")
			.matcher(architectureParagraph("Operations beyond the contract"));
		Set<Operation> operations = new LinkedHashSet<>();
		while (operation.find()) {
			operations.add(new Operation(operation.group(1), operation.group(2)));
		}
		return operations;
	}

	private static String architectureParagraph(String opening) throws IOException {
		String architecture = Files.readString(Path.of(System.getProperty("e2e.architecture", "../ARCHITECTURE.md")));
		int start = architecture.indexOf(opening);
		assertThat(start).as("ARCHITECTURE.md has the paragraph \"%s\"", opening).isNotNegative();
		int end = architecture.indexOf("\n\n", start);
		return architecture.substring(start, (end < 0) ? architecture.length() : end);
	}

}
