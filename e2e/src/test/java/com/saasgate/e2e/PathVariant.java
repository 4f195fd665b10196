package com.saasgate.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spellings of one path that a lenient server could read as that path: the ways attackers dress up a
 * request for an internal endpoint so that a gateway matching text lets it by. Each comes with what
 * the gateway must answer: {@code 404} (no route, whatever the spelling) or {@code 400} (no reading
 * at all: a NUL, a control character).
 */
record PathVariant(String path, int expectedStatus) {

	static List<PathVariant> of(String path) {
		String rest = path.substring("/api".length()); // "/usage/record"
		Set<String> notFound = new LinkedHashSet<>();
		notFound.add(path);
		notFound.add("/api" + encodeFirstLetters(rest, false));
		notFound.add("/api" + encodeFirstLetters(rest, true));
		notFound.add("/api" + encodeAllLetters(rest));
		notFound.add("/api/" + rest.substring(1).replace("/", "%2F"));
		notFound.add("/api/" + rest.substring(1).replace("/", "%2f"));
		notFound.add("/api/" + rest.substring(1).replace("/", "%252F"));
		notFound.add("/api/" + rest.substring(1).replace("/", "%25252f"));
		notFound.add("/api%2F" + rest.substring(1));
		notFound.add("/%61pi" + rest);
		notFound.add("/api/" + rest.replace("/", "//"));
		notFound.add("//" + path.substring(1));
		notFound.add("/api/." + rest);
		notFound.add("/api" + rest.replace("/", "/./"));
		notFound.add("/api/auth/.." + rest);
		notFound.add("/api/auth/%2e%2e" + rest);
		notFound.add("/api/auth/%2E%2E%2F" + rest.substring(1));
		notFound.add("/api/billing/plans/../.." + path);
		notFound.add("/api/auth/%252e%252e" + rest);
		notFound.add("/api/auth/..;" + rest);
		notFound.add("/api/intelligence/.." + rest);
		notFound.add("/api/memory/v1/%2e%2e/%2e%2e" + rest);
		notFound.add(path + "/");
		notFound.add(path + "//");
		notFound.add(path + "/.");
		notFound.add(path.toUpperCase(Locale.ROOT));
		notFound.add(capitalised(path));
		notFound.add(path + ";jsessionid=0123456789ABCDEF");
		notFound.add("/api" + rest.replace("/", ";x=1/").substring(";x=1".length()) + ";x=1");
		notFound.add("/api" + rest.replace("/", "%5c"));
		notFound.add("/api/auth/..%5C" + rest.substring(1).replace("/", "%5C"));
		notFound.add("/api/" + rest.substring(1).replace("/", "%2F") + "%2F");
		List<PathVariant> variants = new ArrayList<>();
		notFound.forEach((spelling) -> variants.add(new PathVariant(spelling, 404)));
		variants.add(new PathVariant(path + "%00", 400));
		variants.add(new PathVariant("/api" + rest.replaceFirst("/", "/%00"), 400));
		variants.add(new PathVariant(path + "%0d%0aX-Injected:%201", 400));
		return variants;
	}

	private static String encodeFirstLetters(String rest, boolean upperHex) {
		StringBuilder out = new StringBuilder();
		for (String segment : rest.substring(1).split("/")) {
			out.append('/');
			if (!segment.isEmpty() && Character.isLetter(segment.charAt(0))) {
				String hex = Integer.toHexString(segment.charAt(0));
				out.append('%').append(upperHex ? hex.toUpperCase(Locale.ROOT) : hex).append(segment.substring(1));
			}
			else {
				out.append(segment);
			}
		}
		return out.toString();
	}

	private static String encodeAllLetters(String rest) {
		StringBuilder out = new StringBuilder();
		for (char c : rest.toCharArray()) {
			out.append(Character.isLetter(c) ? "%" + Integer.toHexString(c).toUpperCase(Locale.ROOT) : String.valueOf(c));
		}
		return out.toString();
	}

	private static String capitalised(String path) {
		StringBuilder out = new StringBuilder();
		for (String segment : path.substring(1).split("/")) {
			out.append('/').append(segment.isEmpty() ? "" : Character.toUpperCase(segment.charAt(0)) + segment.substring(1));
		}
		return out.toString();
	}

}
