package com.saasgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client (clients/js) is typed from a committed snapshot of the gateway's description,
 * {@code clients/js/openapi.json}; CI regenerates the types from it ({@code npm run openapi:check}). This
 * test closes the loop: the live {@code GET /api/docs} must equal the snapshot, so that the client
 * cannot drift from the API it calls.
 */
@ExtendWith(E2eSuite.class)
class ClientOpenApiSnapshotIT {

	private static final Path SNAPSHOT = Path.of("..", "clients", "js", "openapi.json");

	private final Api api;

	ClientOpenApiSnapshotIT(Api api) {
		this.api = api;
	}

	@Test
	void apiDocsWhenComparedWithClientSnapshotThenEqual() throws IOException {
		Response docs = this.api.get("/api/docs");
		assertThat(docs.status()).as("%s", docs).isEqualTo(200);

		JsonNode snapshot = Api.JSON.readTree(Files.readString(SNAPSHOT));

		// JsonNode equality ignores formatting and the order of object members.
		assertThat(docs.json())
			.as("GET /api/docs differs from %s, which the TypeScript client is generated from. Refresh both with: "
					+ "scripts/update-openapi (then commit clients/js/openapi.json and clients/js/src/generated/api.ts)",
					SNAPSHOT.normalize())
			.isEqualTo(snapshot);
	}

}
