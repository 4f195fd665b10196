package com.saasgate.devsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port look-ups for the servers DevSuite starts. */
final class Ports {

	private Ports() {
	}

	/** A port that was free a moment ago. */
	static int free() {
		try {
			return RedisServer.freePort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port", ex);
		}
	}

	/** Whether something already listens on {@code port} (any address, as Spring Boot binds). */
	static boolean inUse(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
