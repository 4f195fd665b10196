package com.saasgate.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.web.util.UriUtils;

/**
 * A request path the way the most lenient server behind the gateway could read it, which is what the
 * gateway decides routes on: percent-decoded until nothing changes ({@code %252F} is {@code /}),
 * backslashes as slashes, path parameters ({@code ;jsessionid=1}) dropped, empty and {@code .}
 * segments dropped, {@code ..} applied (never above the root), no trailing slash. Case is kept:
 * auth-billing and the gateway match paths case-sensitively, so {@code /API/USAGE/RECORD} is simply
 * no route. A path that cannot be decoded, or holds a control character ({@code %00} above all), has
 * no reading at all and is refused.
 */
final class EdgePath {

	/** Enough for any real double encoding; a path still changing after this is refused. */
	private static final int MAX_DECODES = 4;

	private EdgePath() {
	}

	/** @throws IllegalArgumentException when the path is not valid percent-encoding or holds a control character */
	static String canonical(String rawPath) {
		String path = decode((rawPath == null) ? "" : rawPath);
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new IllegalArgumentException("control character in path");
			}
		}
		Deque<String> segments = new ArrayDeque<>();
		for (String segment : path.replace('\\', '/').split("/")) {
			int parameters = segment.indexOf(';');
			String name = (parameters < 0) ? segment : segment.substring(0, parameters);
			if (name.equals("..")) {
				segments.pollLast();
			}
			else if (!name.isEmpty() && !name.equals(".")) {
				segments.addLast(name);
			}
		}
		return "/" + String.join("/", segments);
	}

	private static String decode(String rawPath) {
		String path = UriUtils.decode(rawPath, StandardCharsets.UTF_8);
		for (int round = 1; path.indexOf('%') >= 0; round++) {
			String again;
			try {
				again = UriUtils.decode(path, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return path; // a literal '%' (e.g. "100%25" once decoded): what a decoding server sees too
			}
			if (again.equals(path)) {
				return path;
			}
			if (round == MAX_DECODES) {
				throw new IllegalArgumentException("path encoded more than " + MAX_DECODES + " times");
			}
			path = again;
		}
		return path;
	}

}
