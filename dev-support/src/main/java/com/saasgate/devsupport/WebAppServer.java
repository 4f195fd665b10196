package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the reference web app (clients/web, built into {@code dist/}) on loopback: its files, its
 * {@code index.html} for every other path (a single-page app: the links in mails and Stripe's return
 * URLs are paths of its own), and {@code /config.json} telling it where the gateway and the dev mailbox
 * are. Only files under the directory are served.
 */
public final class WebAppServer implements AutoCloseable {

	private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
			"text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json", "map",
			"application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

	private final HttpServer server;

	private final ExecutorService executor;

	private final Path root;

	private final Supplier<String> config;

	private WebAppServer(HttpServer server, ExecutorService executor, Path root, Supplier<String> config) {
		this.server = server;
		this.executor = executor;
		this.root = root;
		this.config = config;
	}

	/** Whether {@code directory} holds a built app (its {@code index.html}). */
	public static boolean isBuilt(Path directory) {
		return directory != null && Files.isRegularFile(directory.resolve("index.html"));
	}

	/**
	 * Serves {@code directory} on 127.0.0.1:{@code port} (0: a free port).
	 * @param config the JSON of {@code /config.json}, asked for on each request
	 */
	public static WebAppServer start(int port, Path directory, Supplier<String> config) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new DevSuiteException("The web app could not listen on 127.0.0.1:" + port + " (" + ex.getMessage()
					+ "). Set DEV_WEB_PORT to a free port.", ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "dev-web-app");
			thread.setDaemon(true);
			return thread;
		});
		WebAppServer web = new WebAppServer(server, executor, directory.toAbsolutePath().normalize(), config);
		server.createContext("/", web::handle);
		server.setExecutor(executor);
		server.start();
		return web;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The app's origin, as browsers (and CORS) name it: {@code http://localhost:<port>}. */
	public String url() {
		return "http://localhost:" + port();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			if (!"GET".equals(method) && !"HEAD".equals(method)) {
				send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8), false);
				return;
			}
			String path = exchange.getRequestURI().getPath();
			if ("/config.json".equals(path)) {
				send(exchange, 200, "application/json", this.config.get().getBytes(StandardCharsets.UTF_8), false);
				return;
			}
			Path file = this.root.resolve(path.substring(1)).normalize();
			boolean asset = file.startsWith(this.root) && Files.isRegularFile(file);
			if (!asset && path.startsWith("/assets/")) {
				send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8), false);
				return;
			}
			Path served = asset ? file : this.root.resolve("index.html");
			send(exchange, 200, type(served), Files.readAllBytes(served), asset && path.startsWith("/assets/"));
		}
	}

	private static String type(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return TYPES.getOrDefault((dot < 0) ? "" : name.substring(dot + 1), "application/octet-stream");
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean immutable)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		// Vite names assets by content hash; everything else must be fetched fresh.
		exchange.getResponseHeaders().set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-store");
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, head ? -1 : body.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
