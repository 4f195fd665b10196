package com.saasgate.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.saasgate.devsupport.DevSuite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that reaches the gateway from its own loopback address ({@code 127.0.0.2}, which is not a
 * trusted proxy in the suite) and writes whatever headers it likes: an attacker on the internet. Java's
 * {@code HttpClient} cannot choose its local address on Java 17, so this speaks HTTP/1.1 on a socket.
 */
final class DirectClient {

	static final String ADDRESS = "127.0.0.2";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DevSuite suite;

	private final URI gateway;

	DirectClient(DevSuite suite, String gatewayUrl) {
		this.suite = suite;
		this.gateway = URI.create(gatewayUrl);
	}

	/** POSTs {@code json}; {@code headers} are name, value pairs and may repeat a name. */
	Answer post(String path, String json, String... headers) {
		return send("POST", path, json, headers);
	}

	/**
	 * Sends {@code rawTarget} exactly as written (no normalising, no encoding: path tricks arrive as they
	 * are), with {@code json} as the body when not null; {@code headers} are name, value pairs.
	 */
	Answer send(String method, String rawTarget, String json, String... headers) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), this.gateway.getPort()), 5000);
			socket.setSoTimeout(30_000);
			byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
			StringBuilder request = new StringBuilder(method + " " + rawTarget + " HTTP/1.1\r\nHost: localhost:"
					+ this.gateway.getPort() + "\r\nConnection: close\r\n");
			if (json != null) {
				request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			}
			for (int i = 0; i < headers.length; i += 2) {
				request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			// One write: the gateway may answer (a 404) and close before reading a body sent apart, and
			// closing with unread bytes resets the connection before the answer is read.
			byte[] head = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
			byte[] whole = java.util.Arrays.copyOf(head, head.length + body.length);
			System.arraycopy(body, 0, whole, head.length, body.length);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			out.write(whole);
			out.flush();
			String raw = readAll(socket.getInputStream());
			Answer answer = Answer.parse(raw);
			if (isUri(rawTarget)) {
				// a target that is no URI at all has no operation to check against (it must still be refused)
				ApiDescriptions.check(this.suite, method, this.gateway + rawTarget, answer.status(),
						Answer.header(raw, "content-type"), answer.json().isEmpty() ? null : answer.json().toString());
			}
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** Status and parsed JSON body of an answer. */
	record Answer(int status, JsonNode json) {

		String code() {
			return this.json.path("code").asString();
		}

		static Answer parse(String raw) {
			int endOfHeaders = raw.indexOf("\r\n\r\n");
			String head = raw.substring(0, endOfHeaders).toLowerCase(Locale.ROOT);
			String body = raw.substring(endOfHeaders + 4);
			if (head.contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Answer(Integer.parseInt(head.split(" ", 3)[1]), json(body));
		}

		private static JsonNode json(String body) {
			try {
				return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
			}
			catch (tools.jackson.core.JacksonException ex) {
				return JSON.createObjectNode();
			}
		}

		/** A header of the raw answer, or null. */
		static String header(String raw, String name) {
			return raw.substring(0, raw.indexOf("\r\n\r\n"))
				.lines()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
				.map((line) -> line.substring(name.length() + 1).strip())
				.findFirst()
				.orElse(null);
		}

		private static String unchunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

	private static boolean isUri(String rawTarget) {
		try {
			URI.create(rawTarget);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
