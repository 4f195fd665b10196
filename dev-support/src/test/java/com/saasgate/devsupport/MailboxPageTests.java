package com.saasgate.devsupport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class MailboxPageTests {

	private static final String LINK = "http://localhost:3000/verify-email?token=Ab-3_xYz0123456789012345678901234567890123";

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path mailbox;

	@Test
	void pageWhenMailsCaughtThenListsThemNewestFirstEscapedWithClickableLinks() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null);
				MailboxPage page = MailboxPage.start(0, catcher)) {
			MailCatcherTests.send(catcher, "ada@example.com", "Verify your email", "Welcome! Open " + LINK + " to verify.");
			MailCatcherTests.send(catcher, "eve@example.com", "Hi <script>alert('subject')</script>",
					"Dear <script>alert(\"name\")</script> & co, see http://localhost:3000/x?a=1&b=<2>");
			await().atMost(Duration.ofSeconds(10)).until(() -> catcher.messages().size() == 2);

			HttpResponse<String> response = get(page.url());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
			String html = response.body();
			assertThat(html).doesNotContain("<script").doesNotContain("alert('subject')")
				.contains("Hi &lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;")
				.contains("Dear &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; co")
				.contains("<a href=\"" + LINK + "\">" + LINK + "</a>")
				.contains("<a href=\"http://localhost:3000/x?a=1&amp;b=\">")
				.contains("eve@example.com").contains("ada@example.com");
			assertThat(html.indexOf("eve@example.com")).as("newest first").isLessThan(html.indexOf("ada@example.com"));

			HttpResponse<String> json = get(page.url() + "mails.json");
			assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
			assertThat(json.body()).startsWith("[\n  {\"sequence\":2,").contains("\"to\":\"ada@example.com\"")
				.contains("\"subject\":\"Verify your email\"")
				.contains("\"subject\":\"Hi \\u003cscript>alert('subject')\\u003c/script>\"")
				.contains("\"text\":\"Welcome! Open " + LINK + " to verify.");
			assertThat(get(page.url() + "nope").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void pageWhenMailsSavedByAnEarlierRunThenListsThemAfterThisRunsAndMarked() throws Exception {
		try (MailCatcher earlierRun = MailCatcher.start(0, this.mailbox, null)) {
			MailCatcherTests.send(earlierRun, "ada@example.com", "Verify <b>now</b>", "Open " + LINK);
		}
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null);
				MailboxPage page = MailboxPage.start(0, catcher)) {
			assertThat(catcher.messages()).isEmpty();
			assertThat(catcher.earlierMessages()).singleElement().satisfies((mail) -> {
				assertThat(mail.recipient()).isEqualTo("ada@example.com");
				assertThat(mail.tokenFor("verify-email")).hasValue("Ab-3_xYz0123456789012345678901234567890123");
			});
			MailCatcherTests.send(catcher, "bob@example.com", "This run", "hello");
			await().atMost(Duration.ofSeconds(10)).until(() -> catcher.messages().size() == 1);

			String html = get(page.url()).body();
			assertThat(html).contains("then 1 saved by earlier runs").contains("Verify &lt;b&gt;now&lt;/b&gt;")
				.contains("(earlier run)").contains("<a href=\"" + LINK + "\">");
			assertThat(html.indexOf("bob@example.com")).isLessThan(html.indexOf("ada@example.com"));
			assertThat(get(page.url() + "mails.json").body())
				.contains("{\"sequence\":1,\"earlierRun\":false,\"receivedAt\"")
				.contains("\"earlierRun\":true").contains("\"subject\":\"Verify \\u003cb>now\\u003c/b>\"");
		}
	}

	@Test
	void jsonWhenNoMailsThenEmptyArray() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null);
				MailboxPage page = MailboxPage.start(0, catcher)) {
			assertThat(get(page.url() + "mails.json").body()).isEqualTo("[]\n");
			assertThat(get(page.url()).body()).contains("0 mail(s)");
		}
	}

	@Test
	void pageWhenStartedThenListensOnLoopbackOnly() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null);
				MailboxPage page = MailboxPage.start(0, catcher)) {
			assertThat(page.address().getAddress().isLoopbackAddress()).isTrue();
			assertThat(page.url()).isEqualTo("http://127.0.0.1:" + page.port() + "/");
			Optional<InetAddress> external = NetworkInterface.networkInterfaces()
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.findFirst();
			assumeThat(external).as("a non-loopback address on this machine").isPresent();
			assertThatThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(external.get(), page.port()), 2000);
				}
			}).isInstanceOf(IOException.class);
		}
	}

	@Test
	void pageWhenPortTakenThenNamesTheVariable() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null);
				MailboxPage taken = MailboxPage.start(0, catcher)) {
			assertThatThrownBy(() -> MailboxPage.start(taken.port(), catcher)).isInstanceOf(DevSuiteException.class)
				.hasMessageContaining("DEV_MAILBOX_PORT");
		}
	}

	@Test
	void suiteWhenMailboxPageAskedForThenServesItAndTheSummaryNamesIt() throws Exception {
		try (DevSuite suite = DevSuite.builder().environment(Map.of("DATABASE_URL", "postgresql://a:b@db.example:5432/a",
				"REDIS_URL", "redis://cache.example:6379")).withoutServices().freePorts().mailbox(this.mailbox)
			.mailboxPage(DevMain.DEFAULT_MAILBOX_PORT).console(null).start()) {
			MailboxPage page = suite.mailboxPage().orElseThrow();
			MailCatcherTests.send(suite.mailCatcher().orElseThrow(), "ada@example.com", "Verify your email", LINK);

			await().atMost(Duration.ofSeconds(10)).until(() -> get(page.url()).body().contains("Verify your email"));
			assertThat(SessionGuide.summary(suite, Duration.ofSeconds(1))).contains("mailbox page")
				.contains(page.url());
		}
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
