package com.saasgate.devsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request as it goes on the wire: {@code target} is the request-target exactly as sent (escapes
 * and all), {@code body} the exact bytes, {@code contentType} null for none.
 *
 * @param label what was spoiled, e.g. {@code body.amount = 2^63}
 */
public record HostileRequest(String label, String method, String target, Map<String, String> headers,
		String contentType, byte[] body) {

	public HostileRequest {
		headers = Map.copyOf(headers);
	}

	/** The request, shortened for a failure message, so that it can be replayed by hand. */
	public String describe() {
		String text = new String(this.body, StandardCharsets.UTF_8);
		String shown = (text.length() > 300) ? text.substring(0, 300) + "... (" + this.body.length + " bytes)" : text;
		String target = (this.target.length() > 300) ? this.target.substring(0, 300) + "..." : this.target;
		return this.method + " " + target + " [" + this.label + "]"
				+ ((this.contentType != null) ? " Content-Type: " + this.contentType : "") + " " + shown;
	}

}
