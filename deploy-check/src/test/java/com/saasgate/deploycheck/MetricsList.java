package com.saasgate.deploycheck;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ops/metrics.txt}: metric name → entry (its format is described at the top of that file). */
final class MetricsList {

	static final String FILE = "ops/metrics.txt";

	private MetricsList() {
	}

	static Map<String, Entry> read() {
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (String line : Repo.read(FILE).lines().map(String::strip).toList()) {
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\\s+", 4);
			if (fields.length < 3) {
				throw new IllegalStateException(FILE + ": want `name service status [note]`, got: " + line);
			}
			if (entries.put(fields[0], new Entry(fields[0], fields[1], fields[2])) != null) {
				throw new IllegalStateException(FILE + ": " + fields[0] + " is listed twice");
			}
		}
		return entries;
	}

	record Entry(String name, String service, String status) {
	}

}
