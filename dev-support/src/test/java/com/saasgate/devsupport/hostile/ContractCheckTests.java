package com.saasgate.devsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.devsupport.hostile.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContractCheckTests {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void violationWhenSuccessOrProblemWithCodeThenNone() {
		assertThat(ContractCheck.violation(answer(200, "application/json", "{}"))).isEmpty();
		assertThat(ContractCheck.violation(answer(400, PROBLEM, problem(400, "invalid_request")))).isEmpty();
		assertThat(ContractCheck.violation(answer(502, PROBLEM, problem(502, "stripe_unavailable")))).isEmpty();
		assertThat(ContractCheck.violation(answer(503, PROBLEM, problem(503, "overloaded"), "Retry-After", "1"))).isEmpty();
	}

	@Test
	void violationWhenServerErrorThenNamed() {
		assertThat(ContractCheck.violation(answer(500, PROBLEM, problem(500, "internal_error")))).isPresent();
		assertThat(ContractCheck.violation(answer(502, PROBLEM, problem(502, "bad_gateway")))).isPresent();
		assertThat(ContractCheck.violation(answer(503, PROBLEM, problem(503, "overloaded")))).as("no Retry-After").isPresent();
	}

	@Test
	void violationWhenErrorIsNotAProblemWithCodeThenNamed() {
		assertThat(ContractCheck.violation(answer(400, "text/html", "<html>Bad Request</html>"))).isPresent();
		assertThat(ContractCheck.violation(answer(404, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"x\",\"status\":404}"))).isPresent();
		assertThat(ContractCheck.violation(answer(400, PROBLEM, problem(404, "not_found")))).as("status differs").isPresent();
		assertThat(ContractCheck.violation(answer(431, null, ""))).isPresent();
	}

	private static String problem(int status, String code) {
		return "{\"type\":\"urn:saasgate:problem:" + code + "\",\"title\":\"t\",\"status\":" + status + ",\"code\":\"" + code + "\"}";
	}

	private static Answer answer(int status, String contentType, String body, String... headers) {
		Map<String, String> all = new LinkedHashMap<>();
		if (contentType != null) {
			all.put("content-type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			all.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
		}
		return new Answer(status, all, body.getBytes(StandardCharsets.UTF_8));
	}

}
