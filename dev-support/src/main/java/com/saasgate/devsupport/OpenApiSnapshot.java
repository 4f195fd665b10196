package com.saasgate.devsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code scripts/update-openapi}: starts a throwaway {@link DevSuite} on free ports (the jars the build
 * packaged), saves the gateway's {@code GET /api/docs} to the file given as the only argument, and stops
 * the suite. The TypeScript client's types are generated from that file (clients/js/openapi.json).
 */
public final class OpenApiSnapshot {

	private OpenApiSnapshot() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length != 1) {
			System.err.println("usage: OpenApiSnapshot <output file>");
			System.exit(2);
			return;
		}
		Path output = Path.of(args[0]);
		Path logs = Files.createTempDirectory("saasgate-openapi-");
		try (DevSuite suite = DevSuite.builder()
			.environment(Map.of())
			.freePorts()
			// The metered upstream is part of the description; nothing is called.
			.set("UPSTREAM_MEMORY_URL", "http://127.0.0.1:9")
			.set("UPSTREAM_INTELLIGENCE_URL", "http://127.0.0.1:9")
			.set("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", "llm_tokens")
			.logDirectory(logs)
			.mailbox(logs.resolve("mail"))
			.printMails(false)
			.console(null)
			.start()) {
			HttpResponse<String> docs = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/docs"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (docs.statusCode() != 200) {
				throw new DevSuiteException("GET /api/docs answered " + docs.statusCode() + ": " + docs.body());
			}
			Files.writeString(output, docs.body());
		}
	}

}
