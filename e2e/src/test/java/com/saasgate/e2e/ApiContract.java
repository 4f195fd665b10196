package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls, statuses and problem codes of {@code ../shared/api-contract.md}, read from its tables, so
 * that the descriptions are checked against the contract itself rather than a copy of it.
 *
 * @param routes section 1: the gateway's routes ({@code ANY /api/{service}/**} as method {@code ANY})
 * @param calls sections 2 to 5 and 7: auth-billing's calls with their statuses and codes
 * @param operatorEndpoints section 9: the operator endpoints, described but not tabulated
 * @param codes every problem code the contract names
 */
record ApiContract(List<Operation> routes, List<Call> calls, Set<Operation> operatorEndpoints, Set<String> codes) {

	private static final Pattern STATUS = Pattern.compile("`([1-5]\\d\\d)(?: ([a-z]+(?:_[a-z]+)*))?[`\\s{]");

	private static final Pattern CODE = Pattern.compile("`[1-5]\\d\\d ([a-z]+(?:_[a-z]+)*)`|code `([a-z]+(?:_[a-z]+)*)`");

	private static final Pattern OPERATION = Pattern
		.compile("`((?:ANY|GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) (/[^`\\s?]*)");

	private static final Pattern SECTION = Pattern.compile("^## (\\d+)\\.");

	/** A method and path as a description keys them (lower-case method). */
	record Operation(String method, String path) {

		Operation {
			method = method.toLowerCase(Locale.ROOT);
		}

		@Override
		public String toString() {
			return this.method.toUpperCase(Locale.ROOT) + " " + this.path;
		}

	}

	/** Who may make a call. */
	enum Caller {

		ANYONE, USER, SERVICE

	}

	/** One call of auth-billing: its statuses and, per status, the codes the contract names. */
	record Call(Operation operation, Caller caller, TreeMap<Integer, Set<String>> codes) {
	}

	/** Reads the contract at {@code e2e.apiContract}; fails, naming the path, when it is not there. */
	static ApiContract read() {
		Path file = Path.of(System.getProperty("e2e.apiContract", "../../shared/api-contract.md"));
		assertThat(file).as("the API contract (a copy of shared/ must sit beside the repository)").isRegularFile();
		try {
			return parse(Files.readAllLines(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ApiContract parse(List<String> lines) {
		List<Operation> routes = new ArrayList<>();
		List<Call> calls = new ArrayList<>();
		Set<Operation> operators = new LinkedHashSet<>();
		Set<String> codes = new TreeSet<>();
		int section = 0;
		for (String line : lines) {
			Matcher heading = SECTION.matcher(line);
			if (heading.find()) {
				section = Integer.parseInt(heading.group(1));
			}
			Matcher code = CODE.matcher(line);
			while (code.find()) {
				codes.add((code.group(1) != null) ? code.group(1) : code.group(2));
			}
			if (section == 1 && line.startsWith("| `")) {
				route(line, routes);
			}
			else if (section >= 2 && section <= 5 && line.startsWith("| `")) {
				calls.add(call(line, section));
			}
			else if (section == 7 && line.startsWith("- `GET /health`")) {
				calls.add(new Call(new Operation("GET", "/health"), Caller.ANYONE, statuses(line)));
			}
			else if (section == 9) {
				Matcher operation = OPERATION.matcher(line);
				while (operation.find()) {
					for (String method : operation.group(1).split("/")) {
						operators.add(new Operation(method, operation.group(2)));
					}
				}
			}
		}
		return new ApiContract(List.copyOf(routes), List.copyOf(calls), Set.copyOf(operators), Set.copyOf(codes));
	}

	private static void route(String line, List<Operation> routes) {
		String first = line.split("\\|")[1];
		Matcher operation = OPERATION.matcher(first);
		String method = null;
		while (operation.find()) {
			method = operation.group(1);
			routes.add(new Operation(method, operation.group(2)));
		}
		// `GET /health`, `/actuator/health/{liveness,readiness}`: the paths after the first share its method
		Matcher more = Pattern.compile("`(/actuator/health)/\\{([a-z,]+)}`").matcher(first);
		while (method != null && more.find()) {
			for (String group : more.group(2).split(",")) {
				routes.add(new Operation(method, more.group(1) + "/" + group));
			}
		}
	}

	private static Call call(String line, int section) {
		String[] cells = line.split("\\|");
		Matcher operation = OPERATION.matcher(cells[1]);
		assertThat(operation.find()).as("a call in %s", line).isTrue();
		String rest = String.join("|", java.util.Arrays.copyOfRange(cells, 2, cells.length));
		Caller caller = (cells[1].contains("(Bearer)") || cells[1].contains("(user)")
				|| (section >= 4 && cells[2].strip().equals("user"))) ? Caller.USER
						: (section >= 4 && cells[2].contains("service token")) ? Caller.SERVICE : Caller.ANYONE;
		return new Call(new Operation(operation.group(1), operation.group(2)), caller, statuses(rest));
	}

	private static TreeMap<Integer, Set<String>> statuses(String text) {
		TreeMap<Integer, Set<String>> statuses = new TreeMap<>();
		Matcher status = STATUS.matcher(text);
		while (status.find()) {
			Set<String> codes = statuses.computeIfAbsent(Integer.parseInt(status.group(1)), (key) -> new TreeSet<>());
			if (status.group(2) != null) {
				codes.add(status.group(2));
			}
		}
		return statuses;
	}

}
