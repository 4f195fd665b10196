package com.saasgate.e2e;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * An answer from the gateway.
 *
 * @param json the parsed body, or a missing node when the body is empty or not JSON
 */
record Response(int status, HttpHeaders headers, String body, JsonNode json) {

	String contentType() {
		return this.headers.firstValue("Content-Type").orElse("");
	}

	String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	/** A top-level string field, or {@code null}. */
	String text(String field) {
		JsonNode node = this.json.path(field);
		return node.isValueNode() ? node.asString() : null;
	}

	boolean isJson() {
		return !(this.json instanceof MissingNode);
	}

	@Override
	public String toString() {
		return this.status + " " + contentType() + " " + this.body;
	}

}
