package com.saasgate.devsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WebAppServerTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path work;

	@Test
	void getWhenAppPathOrAssetOrConfigThenIndexFileOrConfig() throws Exception {
		Path dist = Files.createDirectories(this.work.resolve("dist"));
		Files.writeString(dist.resolve("index.html"), "<!doctype html><title>app</title>");
		Files.createDirectories(dist.resolve("assets"));
		Files.writeString(dist.resolve("assets/index-abc.js"), "console.log(1)");
		Files.writeString(this.work.resolve("secret.txt"), "not served");
		try (WebAppServer web = WebAppServer.start(0, dist, () -> "{\"gatewayUrl\": \"http://localhost:5000\"}")) {
			HttpResponse<String> deepLink = get(web.url() + "/verify-email?token=abc");
			assertThat(deepLink.statusCode()).isEqualTo(200);
			assertThat(deepLink.body()).contains("<title>app</title>");
			assertThat(deepLink.headers().firstValue("Cache-Control")).hasValue("no-store");

			HttpResponse<String> asset = get(web.url() + "/assets/index-abc.js");
			assertThat(asset.body()).isEqualTo("console.log(1)");
			assertThat(asset.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
			assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying((v) -> assertThat(v).contains("immutable"));

			assertThat(get(web.url() + "/assets/missing.js").statusCode()).isEqualTo(404);
			assertThat(get(web.url() + "/config.json").body()).isEqualTo("{\"gatewayUrl\": \"http://localhost:5000\"}");
			assertThat(get(web.url() + "/../secret.txt").body()).doesNotContain("not served");
			assertThat(get(web.url() + "/%2e%2e/secret.txt").body()).doesNotContain("not served");
		}
	}

	@Test
	void isBuiltWhenNoIndexThenFalse() {
		assertThat(WebAppServer.isBuilt(this.work)).isFalse();
		assertThat(WebAppServer.isBuilt(null)).isFalse();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
