package com.saasgate.devsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service run as a child JVM ({@code java -jar}): its output goes line by line to the console with a
 * {@code [name]} prefix or to a log file, and its last lines are kept for error messages.
 */
final class ServiceProcess {

	private static final int TAIL_LINES = 60;

	private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

	private final String name;

	private final Process process;

	private volatile boolean meantToExit;

	private final Deque<String> tail = new ArrayDeque<>();

	private final Path logFile;

	private ServiceProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Starts {@code java [jvmArgs] -jar jar}.
	 * @param environment the child's whole environment
	 * @param logDirectory where {@code <name>.log} is written, or {@code null} for the console
	 */
	static ServiceProcess launch(String name, Path jar, List<String> jvmArgs, Map<String, String> environment,
			Path logDirectory, PrintStream console) {
		return launch(name, name, jar, jvmArgs, environment, logDirectory, console);
	}

	/** As {@link #launch(String, Path, List, Map, Path, PrintStream)}, logging to {@code <logName>.log}. */
	static ServiceProcess launch(String name, String logName, Path jar, List<String> jvmArgs,
			Map<String, String> environment, Path logDirectory, PrintStream console) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(environment);
		try {
			Path logFile = (logDirectory != null) ? Files.createDirectories(logDirectory).resolve(logName + ".log") : null;
			Writer log = (logFile != null) ? Files.newBufferedWriter(logFile, StandardCharsets.UTF_8) : null;
			ServiceProcess service = new ServiceProcess(name, builder.start(), logFile);
			Thread pump = new Thread(() -> service.pump(log, console), name + "-output");
			pump.setDaemon(true);
			pump.start();
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + " (" + String.join(" ", command) + ")", ex);
		}
	}

	String name() {
		return this.name;
	}

	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Whether it was told to exit ({@link #stop()} or {@link #kill()}): its exit is then no failure. */
	boolean meantToExit() {
		return this.meantToExit;
	}

	/**
	 * Waits until {@code health} answers 200, failing early when the process exits and with the tail of
	 * its output when {@code timeout} passes.
	 */
	void awaitHealthy(URI health, Duration timeout) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
		Instant deadline = Instant.now().plus(timeout);
		String lastAnswer = "no answer yet";
		while (true) {
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
				lastAnswer = response.statusCode() + " " + abbreviate(response.body());
			}
			catch (IOException ex) {
				lastAnswer = ex.getClass().getSimpleName() + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DevSuiteException("Interrupted while waiting for " + this.name + " to start");
			}
			if (!this.process.isAlive()) {
				throw failure(this.name + " exited with code " + this.process.exitValue() + " during start-up");
			}
			if (Instant.now().isAfter(deadline)) {
				throw failure(this.name + " did not answer 200 on " + health + " within " + timeout.toSeconds()
						+ " s (last answer: " + lastAnswer + ")");
			}
			waitForExit(Duration.ofMillis(250));
		}
	}

	/** The last lines the service printed. */
	synchronized String tail() {
		return String.join("\n", this.tail);
	}

	/**
	 * Asks the service to stop (SIGTERM); {@link #awaitStopped()} then forces it if needed. The signal
	 * goes through the {@link ProcessHandle}: {@link Process#destroy()} also closes the pipe the service
	 * writes its output to, which loses every line it logs while it shuts down.
	 */
	void stop() {
		this.meantToExit = true;
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.toHandle().destroy();
	}

	/** SIGKILL for the JVM and whatever it started: no shutdown hook runs. */
	void kill() {
		this.meantToExit = true;
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.toHandle().destroyForcibly();
	}

	/** Waits up to {@code timeout} for the process to exit; true when it did. */
	boolean awaitExit(Duration timeout) {
		return waitForExit(timeout);
	}

	int exitValue() {
		return this.process.exitValue();
	}

	void awaitStopped() {
		if (!waitForExit(GRACEFUL_STOP)) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			waitForExit(GRACEFUL_STOP);
		}
	}

	private boolean waitForExit(Duration timeout) {
		try {
			this.process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !this.process.isAlive();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	DevSuiteException failure(String what) {
		String where = (this.logFile != null) ? " (full log: " + this.logFile + ")" : "";
		return new DevSuiteException(what + where + "\n---- last lines of " + this.name + " ----\n" + tail());
	}

	private void pump(Writer log, PrintStream console) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				remember(line);
				if (log != null) {
					log.write(line);
					log.write('\n');
					log.flush();
				}
				else if (console != null) {
					console.println("[" + this.name + "] " + line);
				}
			}
		}
		catch (IOException ex) {
			// The process went away; its output ends here.
		}
		finally {
			closeQuietly(log);
		}
	}

	private synchronized void remember(String line) {
		if (this.tail.size() == TAIL_LINES) {
			this.tail.removeFirst();
		}
		this.tail.addLast(line);
	}

	private static void closeQuietly(Writer log) {
		if (log != null) {
			try {
				log.close();
			}
			catch (IOException ex) {
				// nothing left to write to
			}
		}
	}

	private static String abbreviate(String body) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return (flat.length() > 300) ? flat.substring(0, 300) + "..." : flat;
	}

}
