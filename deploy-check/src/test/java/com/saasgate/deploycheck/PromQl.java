package com.saasgate.deploycheck;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser: it drops what can hold identifiers that
 * are not metrics (strings, label matchers, {@code by (...)} and the like, ranges, Grafana variables),
 * then takes every identifier that is not a function call or a keyword. Good for the expressions of
 * dashboards and alert rules, which is all it is used for.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
			"on", "ignoring", "group_left", "group_right", "inf", "nan", "e");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String text = STRING.matcher(expression).replaceAll("\"\"");
		text = MATCHERS.matcher(text).replaceAll(" ");
		text = GROUPING.matcher(text).replaceAll(" ");
		text = RANGE.matcher(text).replaceAll(" ");
		text = VARIABLE.matcher(text).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(text);
		while (matcher.find()) {
			boolean call = matcher.group(2) != null;
			String name = matcher.group(1);
			if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
