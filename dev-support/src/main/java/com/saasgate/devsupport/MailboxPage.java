package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The dev mailbox in a browser: a page on loopback only ({@code /}) listing the {@link MailCatcher}'s
 * mails newest first (then those earlier runs saved in its mailbox), with their text and clickable links,
 * and the same as JSON ({@code /mails.json}).
 * Everything from a mail is HTML-escaped: mails carry user-supplied names.
 */
public final class MailboxPage implements AutoCloseable {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final HttpServer server;

	private final ExecutorService executor;

	private final MailCatcher catcher;

	private MailboxPage(HttpServer server, ExecutorService executor, MailCatcher catcher) {
		this.server = server;
		this.executor = executor;
		this.catcher = catcher;
	}

	/**
	 * Serves {@code catcher}'s mails on 127.0.0.1:{@code port} (0 for a free port).
	 * @throws DevSuiteException when the port is taken
	 */
	public static MailboxPage start(int port, MailCatcher catcher) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new DevSuiteException("The mailbox page could not listen on 127.0.0.1:" + port + " (" + ex.getMessage()
					+ "). Set DEV_MAILBOX_PORT to a free port.", ex);
		}
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "dev-mailbox-page");
			thread.setDaemon(true);
			return thread;
		});
		MailboxPage page = new MailboxPage(server, executor, catcher);
		server.createContext("/", page::handle);
		server.setExecutor(executor);
		server.start();
		return page;
	}

	public InetSocketAddress address() {
		return this.server.getAddress();
	}

	public int port() {
		return address().getPort();
	}

	public String url() {
		return "http://127.0.0.1:" + port() + "/";
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
				send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
			}
			else if ("/".equals(path) || "/index.html".equals(path)) {
				send(exchange, 200, "text/html; charset=utf-8",
						html(newestFirst(this.catcher.messages()), newestFirst(this.catcher.earlierMessages())));
			}
			else if ("/mails.json".equals(path)) {
				send(exchange, 200, "application/json; charset=utf-8",
						json(newestFirst(this.catcher.messages()), newestFirst(this.catcher.earlierMessages())));
			}
			else {
				send(exchange, 404, "text/plain; charset=utf-8", "not found; try / or /mails.json\n");
			}
		}
	}

	private static List<CapturedMail> newestFirst(List<CapturedMail> oldestFirst) {
		List<CapturedMail> mails = new ArrayList<>(oldestFirst);
		java.util.Collections.reverse(mails);
		return mails;
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/** This run's mails, then those saved by earlier runs (ids {@code earlier-N}), each newest first. */
	static String html(List<CapturedMail> mails, List<CapturedMail> earlier) {
		StringBuilder out = new StringBuilder();
		out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta http-equiv=\"refresh\" content=\"5\">")
			.append("<title>saasgate dev mailbox (").append(mails.size()).append(")</title><style>")
			.append("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}")
			.append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left}")
			.append("article{border-top:1px solid #ccc;margin-top:1.5em}")
			.append("pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head><body>\n")
			.append("<h1>saasgate dev mailbox</h1>\n<p>").append(mails.size())
			.append(" mail(s) caught by this run, newest first");
		if (!earlier.isEmpty()) {
			out.append(", then ").append(earlier.size()).append(" saved by earlier runs");
		}
		out.append("; the page reloads every 5 s. As JSON: <a href=\"/mails.json\">/mails.json</a>.</p>\n");
		if (!mails.isEmpty() || !earlier.isEmpty()) {
			out.append("<table><tr><th>#</th><th>to</th><th>subject</th><th>received</th></tr>\n");
			row(out, mails, "mail-", "");
			row(out, earlier, "earlier-", " (earlier run)");
			out.append("</table>\n");
		}
		article(out, mails, "mail-");
		article(out, earlier, "earlier-");
		return out.append("</body></html>\n").toString();
	}

	private static void row(StringBuilder out, List<CapturedMail> mails, String id, String note) {
		for (CapturedMail mail : mails) {
			out.append("<tr><td>").append(mail.sequence()).append("</td><td>").append(escape(mail.recipient()))
				.append("</td><td><a href=\"#").append(id).append(mail.sequence()).append("-")
				.append(mail.receivedAt().getEpochSecond()).append("\">").append(escape(mail.subject()))
				.append("</a></td><td>").append(TIME.format(mail.receivedAt())).append(note).append("</td></tr>\n");
		}
	}

	private static void article(StringBuilder out, List<CapturedMail> mails, String id) {
		for (CapturedMail mail : mails) {
			out.append("<article id=\"").append(id).append(mail.sequence()).append("-")
				.append(mail.receivedAt().getEpochSecond()).append("\"><h2>#").append(mail.sequence())
				.append(' ').append(escape(mail.subject())).append("</h2>\n<p>To: ").append(escape(mail.recipient()))
				.append("<br>From: ").append(escape(mail.from())).append("<br>Received: ")
				.append(TIME.format(mail.receivedAt())).append("<br>Saved as: ").append(escape(mail.file().toString()))
				.append("</p>\n<pre>").append(linkify(mail.text())).append("</pre></article>\n");
		}
	}

	/** The text, escaped, with its http(s) links as anchors. */
	static String linkify(String text) {
		StringBuilder out = new StringBuilder();
		Matcher matcher = LINK.matcher(text);
		int last = 0;
		while (matcher.find()) {
			out.append(escape(text.substring(last, matcher.start())));
			String url = escape(matcher.group());
			out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
			last = matcher.end();
		}
		return out.append(escape(text.substring(last))).toString();
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** This run's mails, then earlier runs' ({@code "earlierRun":true}), each newest first. */
	static String json(List<CapturedMail> mails, List<CapturedMail> earlier) {
		StringBuilder out = new StringBuilder("[");
		List<CapturedMail> all = new ArrayList<>(mails);
		all.addAll(earlier);
		for (int i = 0; i < all.size(); i++) {
			CapturedMail mail = all.get(i);
			out.append(i == 0 ? "\n" : ",\n").append("  {\"sequence\":").append(mail.sequence())
				.append(",\"earlierRun\":").append(i >= mails.size())
				.append(",\"receivedAt\":").append(jsonString(mail.receivedAt().toString()))
				.append(",\"to\":").append(jsonString(mail.recipient()))
				.append(",\"from\":").append(jsonString(mail.from()))
				.append(",\"subject\":").append(jsonString(mail.subject()))
				.append(",\"text\":").append(jsonString(mail.text()))
				.append(",\"file\":").append(jsonString(mail.file().toString())).append('}');
		}
		return out.append(all.isEmpty() ? "]\n" : "\n]\n").toString();
	}

	static String jsonString(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				// '<' too, so that the JSON can never close a script element it is embedded in.
				case '<' -> out.append("\\u003c");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
