package com.saasgate.gateway.ops;

import java.util.Map;

/** The body of {@code GET /health} (API contract section 7). */
record HealthReport(String status, Map<String, String> checks) {

	static final String UP = "UP";

	static final String DOWN = "DOWN";

}
