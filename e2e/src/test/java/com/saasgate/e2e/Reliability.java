package com.saasgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a fault or attack test tried and what came of it, written as one JSON file per row under
 * {@code target/reliability/} so that {@code scripts/reliability} can render {@code docs/reliability.md}
 * from the run that produced the numbers, not from numbers copied by hand.
 *
 * <p>Each test calls {@link #record} once it has its counts, after its assertions passed (a failed test
 * writes no row, so the document never shows a run that did not hold).
 */
final class Reliability {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Reliability() {
	}

	/**
	 * One row of the table.
	 * @param id a file name for the row, stable across runs (e.g. {@code postgres-outage})
	 * @param fault the fault or attack, as a reader would name it
	 * @param tried what was sent, with counts (e.g. "4 usage clients, 2 login clients: 3,430 requests")
	 * @param lost accepted data not found afterwards
	 * @param doubled accepted data applied more than once
	 * @param serverErrors 5xx answers other than the contract's 502 and 503-with-Retry-After
	 * @param outcome what happened besides the counts (e.g. "503 with Retry-After during the outage;
	 * healthy 1.2 s after restart")
	 */
	record Row(String id, String fault, String tried, long lost, long doubled, long serverErrors, String outcome) {
	}

	static void record(Row row) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", row.id());
		json.put("fault", row.fault());
		json.put("tried", row.tried());
		json.put("lost", row.lost());
		json.put("doubled", row.doubled());
		json.put("serverErrors", row.serverErrors());
		json.put("outcome", row.outcome());
		json.put("at", Instant.now().toString());
		Path directory = Path.of(System.getProperty("e2e.reliabilityDirectory", "target/reliability"));
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(row.id() + ".json"), JSON.writeValueAsString(json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
