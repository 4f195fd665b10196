package com.saasgate.devsupport.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The values hostile input is made of. A {@link Value} is raw JSON text, so that what a JSON library
 * would not write (a lone surrogate escape, a number past 2^63, a literal {@code NaN}) can still be sent.
 */
final class HostileValues {

	static final String TWO_TO_63 = "9223372036854775808";

	private static final int KIB = 1024;

	/** Characters that matter to parsers and queries, each as it is written inside a JSON string. */
	private static final String[] PUNCTUATION = { "\\\"", "\\\\", "'", "`", "<", ">", "&", "%", ";", "/", "\\n" };

	private HostileValues() {
	}

	/** A JSON value as raw text, with a name for the failure message. */
	record Value(String label, String json) {
	}

	/** Every value a field gets in turn: null, each wrong type, the extremes. */
	static List<Value> forField() {
		List<Value> values = new ArrayList<>();
		values.add(new Value("null", "null"));
		values.add(new Value("string", "\"fuzz\""));
		values.add(new Value("empty string", "\"\""));
		values.add(new Value("blank string", "\"   \""));
		values.add(new Value("integer", "123"));
		values.add(new Value("0", "0"));
		values.add(new Value("-1", "-1"));
		values.add(new Value("2^63", TWO_TO_63));
		values.add(new Value("-2^63-1", "-9223372036854775809"));
		values.add(new Value("1e308", "1e308"));
		values.add(new Value("-1e308", "-1e308"));
		values.add(new Value("1.5", "1.5"));
		values.add(new Value("true", "true"));
		values.add(new Value("object", "{\"a\":1}"));
		values.add(new Value("empty object", "{}"));
		values.add(new Value("array", "[\"fuzz\"]"));
		values.add(new Value("empty array", "[]"));
		values.add(new Value("70 KB string", "\"" + "x".repeat(70 * KIB) + "\""));
		values.add(new Value("unicode", "\"Zoë Ødegård 日本語 😀 \u202Eevil \u0301\uFEFF\""));
		values.add(new Value("NUL", "\"a\\u0000b\""));
		values.add(new Value("control characters", "\"a\\u0001\\u001f\\u007f\\r\\nb\""));
		values.add(new Value("lone surrogate", "\"a\\ud800b\""));
		values.add(new Value("SQL", "\"' OR 1=1; DROP TABLE users; --\""));
		values.add(new Value("path traversal", "\"../../../etc/passwd\""));
		values.add(new Value("template", "\"${jndi:ldap://x/a} {{7*7}} %s%n\""));
		return values;
	}

	/** A random JSON value: any type, sizes from nothing to 70 KB, nesting a few levels deep. */
	static Value random(Random random, int depth) {
		int kind = random.nextInt((depth > 3) ? 5 : 7);
		return switch (kind) {
			case 0 -> new Value("null", "null");
			case 1 -> new Value("boolean", Boolean.toString(random.nextBoolean()));
			case 2 -> number(random);
			case 3, 4 -> string(random);
			case 5 -> {
				int n = random.nextInt(4);
				StringBuilder json = new StringBuilder("[");
				for (int i = 0; i < n; i++) {
					json.append((i > 0) ? "," : "").append(random(random, depth + 1).json());
				}
				yield new Value("array of " + n, json.append(']').toString());
			}
			default -> {
				int n = random.nextInt(4);
				StringBuilder json = new StringBuilder("{");
				for (int i = 0; i < n; i++) {
					json.append((i > 0) ? "," : "").append(string(random).json()).append(':')
						.append(random(random, depth + 1).json());
				}
				yield new Value("object of " + n, json.append('}').toString());
			}
		};
	}

	static Value number(Random random) {
		String[] edges = { "0", "-0", "1", "-1", "2147483648", "-2147483649", TWO_TO_63, "-9223372036854775809",
				"18446744073709551616", "1e308", "-1e308", "4.9e-324", "1e-400", "0.1", "1.0", "1E3",
				"123456789012345678901234567890" };
		if (random.nextBoolean()) {
			String edge = edges[random.nextInt(edges.length)];
			return new Value(edge, edge);
		}
		String value = switch (random.nextInt(3)) {
			case 0 -> Long.toString(random.nextLong());
			case 1 -> Integer.toString(random.nextInt(2000) - 1000);
			default -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40)));
		};
		return new Value(value, value);
	}

	/** A random string of random code points (control characters, NUL, surrogates and emoji included). */
	static Value string(Random random) {
		int[] lengths = { 0, 1, 2, 8, 40, 255, 256, 1000, 70 * KIB };
		int length = lengths[random.nextInt(lengths.length)];
		StringBuilder json = new StringBuilder("\"");
		for (int i = 0; i < length; i++) {
			appendCodePoint(random, json);
		}
		return new Value("random string of " + length, json.append('"').toString());
	}

	private static void appendCodePoint(Random random, StringBuilder json) {
		switch (random.nextInt(8)) {
			case 0 -> json.append(String.format("\\u%04x", random.nextInt(0x20)));
			case 1 -> json.append(String.format("\\u%04x", 0xD800 + random.nextInt(0x800)));
			case 2 -> json.appendCodePoint(0x1F600 + random.nextInt(0x50));
			case 3 -> json.appendCodePoint(0x80 + random.nextInt(0x780));
			case 4 -> json.appendCodePoint(0x4E00 + random.nextInt(0x5000));
			case 5 -> json.append(PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
			default -> json.append((char) ('a' + random.nextInt(26)));
		}
	}

	/** Values of a path segment or a query value, as they go on the wire (already escaped or not). */
	static List<Value> forUrl() {
		return List.of(new Value("empty", ""), new Value("%ff", "%ff"), new Value("lone %", "%"),
				new Value("%zz", "%zz"), new Value("overlong %c0%af", "%c0%af"), new Value("truncated %e2%82", "%e2%82"),
				new Value("%00", "a%00b"), new Value("unicode", "Zo%C3%AB%F0%9F%98%80"), new Value("0", "0"),
				new Value("-1", "-1"), new Value("2^63", TWO_TO_63), new Value("1e308", "1e308"),
				new Value("not a uuid", "not-a-uuid"), new Value("SQL", "'%20OR%201=1--"),
				new Value("encoded traversal", "..%2f..%2fetc%2fpasswd"), new Value("1000 chars", "a".repeat(1000)),
				new Value("true", "true"), new Value("%2e%2e", "%2e%2e"), new Value("space", "a%20b"),
				new Value("plus", "a+b"), new Value("uuid", "00000000-0000-0000-0000-000000000000"));
	}

}
