package com.saasgate.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request line exactly as written. HTTP clients normalise or re-encode paths like
 * {@code /a/../b} or {@code %2e%2e}; an attacker's client does not, so traversal tests use this.
 */
public final class RawHttp {

	private RawHttp() {
	}

	public static Response get(int port, String rawTarget) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + rawTarget + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	/** Sends {@code head} (request line and headers, without the blank line) and then {@code body} as they are. */
	public static Response send(int port, String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** Status, raw header block (lower-cased) and body of a response. */
	public record Response(int status, String headers, String body) {

		static Response parse(String raw) {
			int endOfHeaders = raw.indexOf("\r\n\r\n");
			String head = (endOfHeaders < 0) ? raw : raw.substring(0, endOfHeaders);
			String body = (endOfHeaders < 0) ? "" : raw.substring(endOfHeaders + 4);
			int status = Integer.parseInt(head.split(" ", 3)[1]);
			return new Response(status, head.toLowerCase(Locale.ROOT), body);
		}

	}

}
