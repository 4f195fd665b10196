package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar in {@link DevSuiteTests}: answers {@code /health} and
 * {@code /env/<NAME>} (that variable's value) on the port of the service it is named after (its jar's
 * name says gateway or auth-billing).
 */
public final class FakeService {

	private FakeService() {
	}

	public static void main(String[] args) throws IOException {
		boolean gateway = System.getProperty("sun.java.command", "").contains("gateway");
		int port = Integer.parseInt(System.getenv(gateway ? "GATEWAY_PORT" : "AUTH_BILLING_PORT"));
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
		server.createContext("/health", (exchange) -> answer(exchange, 200, "{\"status\":\"UP\"}"));
		server.createContext("/env/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/env/".length());
			String value = System.getenv(name);
			answer(exchange, (value != null) ? 200 : 404, (value != null) ? value : "");
		});
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stop(0);
			System.out.println("fake " + (gateway ? "gateway" : "auth-billing") + " stopped on SIGTERM");
		}));
		server.start();
		System.out.println("fake " + (gateway ? "gateway" : "auth-billing") + " listening on " + port);
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
