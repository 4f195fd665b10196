package com.saasgate.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saasgate.security.config.InvalidConfigurationException;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The internal services routed at {@code /api/{name}/**}, from the environment: {@code UPSTREAM_<NAME>_URL}
 * (required per upstream) and {@code UPSTREAM_<NAME>_METERED_RESOURCE} (optional, e.g. {@code llm_tokens}),
 * or the same as {@code gateway.upstreams.<name>.url} / {@code .metered-resource}. {@code <NAME>} becomes
 * the lower-case name with {@code _} as {@code -}, the way {@code SERVICE_JWT_SECRET_<NAME>} does. Names
 * of the gateway's own and auth-billing's paths are reserved, so that no upstream can take over
 * {@code /api/auth/**} or reach an internal endpoint.
 */
record Upstreams(List<Upstream> all) {

	/** Path names an upstream cannot have (auth-billing's public and internal prefixes, the gateway's own). */
	static final Set<String> RESERVED = Set.of("auth", "billing", "usage", "trials", "internal", "health",
			"actuator", "gateway", "ops", "admin", "api", "livez", "readyz", "webhooks");

	private static final Pattern VARIABLE = Pattern
		.compile("UPSTREAM_([A-Z0-9]+(?:_[A-Z0-9]+)*?)_(URL|METERED_RESOURCE)");

	private static final Pattern PROPERTY = Pattern.compile("gateway\\.upstreams\\.([^.]+)\\.(url|metered-resource)");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	private static final Pattern URL = Pattern.compile("https?://[^/?#\\s]+/?");

	private static final Pattern RESOURCE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	/**
	 * @param name the path segment and the {@code aud} of the gateway's service token to it
	 * @param url scheme, host and port, without a trailing slash
	 * @param meteredResource the resource type whose monthly quota is checked before forwarding, if any
	 */
	record Upstream(String name, String url, Optional<String> meteredResource) {
	}

	Upstreams {
		all = List.copyOf(all);
	}

	/** @throws InvalidConfigurationException one line per bad or reserved upstream, naming its variable */
	static Upstreams discover(ConfigurableEnvironment environment) {
		Map<String, String[]> found = new TreeMap<>();
		Map<String, String> variableOf = new TreeMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String property : enumerable.getPropertyNames()) {
					collect(property, environment.getProperty(property), found, variableOf);
				}
			}
		}
		List<String> errors = new ArrayList<>();
		List<Upstream> upstreams = new ArrayList<>();
		found.forEach((name, values) -> {
			String variable = variableOf.get(name);
			Upstream upstream = validate(name, values[0], values[1], variable, errors);
			if (upstream != null) {
				upstreams.add(upstream);
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		return new Upstreams(upstreams);
	}

	private static void collect(String property, String value, Map<String, String[]> found,
			Map<String, String> variableOf) {
		Matcher variable = VARIABLE.matcher(property);
		Matcher bound = PROPERTY.matcher(property);
		String name;
		boolean url;
		if (variable.matches()) {
			name = variable.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
			url = variable.group(2).equals("URL");
		}
		else if (bound.matches()) {
			name = bound.group(1).toLowerCase(Locale.ROOT);
			url = bound.group(2).equals("url");
		}
		else {
			return;
		}
		variableOf.putIfAbsent(name, "UPSTREAM_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
		String[] values = found.computeIfAbsent(name, (key) -> new String[2]);
		// The first property source is the highest-ranked: keep what it says.
		int slot = url ? 0 : 1;
		if (values[slot] == null && value != null) {
			values[slot] = value.strip();
		}
	}

	private static Upstream validate(String name, String url, String resource, String variable, List<String> errors) {
		if (RESERVED.contains(name)) {
			errors.add(variable + "_URL: '" + name + "' is a reserved path name; upstreams cannot be named "
					+ String.join(", ", RESERVED.stream().sorted().toList()));
			return null;
		}
		if (!NAME.matcher(name).matches()) {
			errors.add(variable + "_URL: the upstream name must be lower-case letters, digits and dashes");
			return null;
		}
		if (url == null || url.isEmpty()) {
			errors.add(variable + "_URL must be set when " + variable + "_METERED_RESOURCE is");
			return null;
		}
		if (!URL.matcher(url).matches()) {
			errors.add(variable + "_URL must be an http(s) URL without a path, like http://" + name + ":8080");
			return null;
		}
		String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		Optional<String> metered = Optional.ofNullable(resource).filter((r) -> !r.isEmpty());
		if (metered.isPresent() && !RESOURCE.matcher(metered.get()).matches()) {
			errors.add(variable + "_METERED_RESOURCE must be a resource type like llm_tokens");
			return null;
		}
		return new Upstream(name, trimmed, metered);
	}

}
