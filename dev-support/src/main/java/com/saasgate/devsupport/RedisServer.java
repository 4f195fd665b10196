package com.saasgate.devsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A Redis server started from the binaries of com.github.codemonstur:embedded-redis for the platform it
 * runs on ({@link Platform}), on a free loopback port. It can be stopped and started again on the same port, which is how tests show the
 * suite riding out a Redis outage.
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final redis.embedded.RedisServer server;

	private RedisServer(int port) throws IOException {
		this.port = port;
		this.server = redis.embedded.RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
	}

	/** Starts a server on a free port. */
	public static RedisServer start() {
		Platform.current();
		try {
			RedisServer redis = new RedisServer(freePort());
			redis.resume();
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded Redis", ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** The URL that {@code REDIS_URL} takes. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Stops the server, keeping its port for {@link #resume()}. */
	public void suspend() {
		try {
			if (this.server.isActive()) {
				this.server.stop();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server again on the same port (empty: it keeps nothing on disk). */
	public void resume() {
		try {
			if (!this.server.isActive()) {
				this.server.start();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		suspend();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
