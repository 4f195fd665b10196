package com.saasgate.devsupport.hostile;

import java.util.Optional;

import com.saasgate.devsupport.hostile.RawHttp.Answer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What api-contract.md promises for any input: never a 5xx, except {@code 502 stripe_unavailable} and a
 * {@code 503} with {@code Retry-After}; every error an RFC 9457 problem document with a contract
 * {@code code}.
 */
public final class ContractCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContractCheck() {
	}

	/** Why {@code answer} breaks the contract, or empty when it keeps it. */
	public static Optional<String> violation(Answer answer) {
		int status = answer.status();
		if (status < 400) {
			return Optional.empty();
		}
		JsonNode problem = problem(answer);
		String code = (problem != null) ? problem.path("code").asString("") : "";
		if (status >= 500 && !(status == 502 && "stripe_unavailable".equals(code))
				&& !(status == 503 && answer.header("Retry-After") != null)) {
			return Optional.of("a " + status + " (" + answer.bodyText() + ")");
		}
		String contentType = answer.header("Content-Type");
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			return Optional.of("a " + status + " that is not a problem document: Content-Type " + contentType + ", body "
					+ abbreviate(answer.bodyText()));
		}
		if (problem == null || code.isBlank() || !problem.path("type").isString() || !problem.path("title").isString()
				|| problem.path("status").asInt() != status) {
			return Optional.of("a " + status + " whose problem document lacks a code, type, title or status: "
					+ abbreviate(answer.bodyText()));
		}
		return Optional.empty();
	}

	private static JsonNode problem(Answer answer) {
		try {
			JsonNode node = JSON.readTree(answer.body());
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

}
