package com.saasgate.devsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.saasgate.devsupport.hostile.ApiDescription.Operation;
import com.saasgate.devsupport.hostile.RawHttp.Answer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an operation's hostile requests one at a time and collects every breach of the contract
 * ({@link ContractCheck}) and every 4xx after which a table's checksum changed. Work the service
 * finishes after answering (an outbox relay) would look like a change: {@code awaitBackgroundWork}
 * waits it out after each answer that is not a 4xx, before the next snapshot.
 */
public final class HostileSuite {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RawHttp http;

	private final TableChecksums tables;

	private final Runnable awaitBackgroundWork;

	private int sent;

	public HostileSuite(RawHttp http, TableChecksums tables, Runnable awaitBackgroundWork) {
		this.http = http;
		this.tables = tables;
		this.awaitBackgroundWork = awaitBackgroundWork;
	}

	/** Requests sent so far, probes excluded. */
	public int sent() {
		return this.sent;
	}

	/**
	 * The answer to {@code valid}'s method and target with {@code headers} and a broken body: what the
	 * operation asks of a caller (a 401 with its {@code code}, a 403) without running it where it takes a body.
	 */
	public Answer probe(HostileRequest valid, Map<String, String> headers) {
		return this.http.send(new HostileRequest("probe", valid.method(), valid.target(), valid.headers(),
				"application/json", "{".getBytes(StandardCharsets.UTF_8)), headers);
	}

	/** The {@code code} of a problem document, or empty. */
	public static String code(Answer answer) {
		try {
			return JSON.readTree(answer.body()).path("code").asString("");
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	/** Sends {@code requests} with {@code credentials}; the failures, each with the request to replay it. */
	public Result fuzz(Operation operation, List<HostileRequest> requests, Map<String, String> credentials) {
		return fuzz(operation, requests, credentials, (answer) -> true);
	}

	/**
	 * As {@link #fuzz(Operation, List, Map)}, judging against the contract only the answers for which
	 * {@code judged} holds (a proxy passes on answers that are another service's, not its own).
	 */
	public Result fuzz(Operation operation, List<HostileRequest> requests, Map<String, String> credentials,
			Predicate<Answer> judged) {
		long started = System.nanoTime();
		List<String> failures = new ArrayList<>();
		this.awaitBackgroundWork.run();
		Map<String, String> before = this.tables.snapshot();
		for (HostileRequest request : requests) {
			Answer answer = this.http.send(request, credentials);
			this.sent++;
			if (judged.test(answer)) {
				ContractCheck.violation(answer).ifPresent((why) -> failures.add(request.describe() + "\n    -> " + why));
			}
			if (answer.status() >= 400 && answer.status() < 500) {
				Map<String, String> after = this.tables.snapshot();
				List<String> changed = TableChecksums.changed(before, after);
				if (!changed.isEmpty()) {
					failures.add(request.describe() + "\n    -> a " + answer.status() + " that changed " + changed + ": "
							+ answer.bodyText());
				}
				before = after;
			}
			else {
				this.awaitBackgroundWork.run();
				before = this.tables.snapshot();
			}
		}
		return new Result(operation, requests.size(), (System.nanoTime() - started) / 1_000_000, failures);
	}

	/** What one operation's run came to. */
	public record Result(Operation operation, int requests, long millis, List<String> failures) {

		public Result {
			failures = List.copyOf(failures);
		}

	}

}
