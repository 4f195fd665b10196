package com.saasgate.devsupport.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command lines of the benchmarks: {@code --name value} pairs and the given switches, each name at most
 * once; anything else is refused with the benchmark's usage.
 */
final class BenchArguments {

	private BenchArguments() {
	}

	/**
	 * The arguments by name; a switch in {@code switches} maps to {@code "true"}.
	 * @param args the command line
	 * @param switches the names that take no value
	 * @param usage printed with a refused argument
	 * @return the value of every given name
	 */
	static Map<String, String> parse(String[] args, Set<String> switches, String usage) {
		Map<String, String> given = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (switches.contains(name)) {
				given.put(name, "true");
			}
			else if (name.startsWith("--") && i + 1 < args.length) {
				given.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("Unknown argument: " + name + "\n" + usage);
			}
		}
		return given;
	}

}
