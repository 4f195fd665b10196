package com.saasgate.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads and listens on, taken from its own files: the {@code ${VAR:default}}
 * placeholders of its {@code application*.yml}, the variable families its code reads by prefix, and
 * the ports and probe settings those files configure. Nothing here is a copy that could drift.
 */
record Service(String name, Map<String, String> variables, List<Family> families, String portVariable,
		String managementPortVariable, boolean probesEnabled, List<String> exposedEndpoints) {

	/** Variables every JVM service honours whatever its application.yml says. */
	static final Set<String> PLATFORM = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

	/**
	 * Variables read by name pattern in code. A family counts only while its marker text is in the
	 * service's main sources (or shared-security's), so a family no code reads any more stops being
	 * accepted, and one that lands with another branch's merge starts being accepted.
	 */
	static final List<Family> FAMILIES = List.of(
			new Family("SERVICE_JWT_SECRET_[A-Z0-9_]+", "SERVICE_JWT_SECRET_", Set.of("auth-billing", "gateway")),
			new Family("SERVICE_PUBLIC_KEY_[A-Z0-9_]+", "SERVICE_PUBLIC_KEY_", Set.of("auth-billing")),
			new Family("UPSTREAM_[A-Z0-9_]+_URL", "UPSTREAM_<NAME>_URL", Set.of("gateway")),
			new Family("UPSTREAM_[A-Z0-9_]+_METERED_RESOURCE", "UPSTREAM_<NAME>_METERED_RESOURCE", Set.of("gateway")));

	/** Required by api-contract.md section 8 (as this branch changes it); more under {@code prod}: {@link #REQUIRED_IN_PROD}. */
	static final Map<String, List<String>> REQUIRED = Map.of(
			"auth-billing", List.of("JWT_SIGNING_KEY", "JWT_REFRESH_SECRET", "SERVICE_JWT_SECRET", "DATABASE_URL"),
			"gateway", List.of("GATEWAY_SIGNING_KEY"));

	/** auth-billing verifies the gateway's tokens with its public key: required under {@code prod}. */
	static final Map<String, List<String>> REQUIRED_IN_PROD = Map.of("auth-billing", List.of("SERVICE_PUBLIC_KEY_GATEWAY"),
			"gateway", List.of());

	static final String LIVENESS = "/actuator/health/liveness";

	static final String READINESS = "/actuator/health/readiness";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	static final List<String> NAMES = List.of("auth-billing", "gateway");

	static Service of(String name) {
		Map<String, String> variables = new TreeMap<>();
		for (Path file : Repo.files(name + "/src/main/resources", ".yml")) {
			if (!file.getFileName().toString().startsWith("application")) {
				continue;
			}
			Matcher matcher = PLACEHOLDER.matcher(Repo.read(file));
			while (matcher.find()) {
				variables.putIfAbsent(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
			}
		}
		Map<String, Object> yaml = Repo.yaml(name + "/src/main/resources/application.yml");
		String port = variableOf(Repo.at(yaml, "server.port"));
		String managementPort = variableOf(Repo.at(yaml, "management.server.port"));
		boolean probes = Boolean.TRUE.equals(Repo.at(yaml, "management.endpoint.health.probes.enabled"));
		String exposure = String.valueOf(Repo.at(yaml, "management.endpoints.web.exposure.include"));
		String sources = sources(name) + sources("shared-security");
		List<Family> families = FAMILIES.stream()
			.filter((family) -> family.services().contains(name) && sources.contains(family.marker()))
			.toList();
		return new Service(name, variables, families, port, managementPort, probes, List.of(exposure.split(",")));
	}

	/** True when the service reads {@code variable}: a placeholder, a family its code reads, or the JVM's. */
	boolean knows(String variable) {
		return this.variables.containsKey(variable) || PLATFORM.contains(variable)
				|| this.families.stream().anyMatch((family) -> variable.matches(family.regex()));
	}

	int defaultPort() {
		return Integer.parseInt(this.variables.get(this.portVariable));
	}

	int defaultManagementPort() {
		return Integer.parseInt(this.variables.get(this.managementPortVariable));
	}

	private static String variableOf(Object placeholder) {
		Matcher matcher = PLACEHOLDER.matcher(String.valueOf(placeholder));
		if (!matcher.find()) {
			throw new IllegalStateException("not a ${VAR:default} placeholder: " + placeholder);
		}
		return matcher.group(1);
	}

	private static String sources(String module) {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(Repo.path(module + "/src/main/java"))) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> text.append(Repo.read(file)));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** A family of variables read by pattern, e.g. {@code SERVICE_JWT_SECRET_<NAME>}. */
	record Family(String regex, String marker, Set<String> services) {
	}

}
