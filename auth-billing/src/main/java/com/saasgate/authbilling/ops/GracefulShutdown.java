package com.saasgate.authbilling.ops;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What SIGTERM does, in order (docs/operations.md, "Graceful shutdown"):
 * <ol>
 * <li>The context closes: readiness turns to refusing traffic, and the scheduler starts no new run of a
 * {@code @Scheduled} method (the outbox poll, the applier's interval pass, the ShedLock jobs); a run in
 * progress goes on.</li>
 * <li>Tomcat closes its listening socket (new connections are refused, which callers retry) and answers
 * the requests it has, for up to {@code spring.lifecycle.timeout-per-shutdown-phase}; their commits
 * still wake the outbox relay and the Stripe event applier.</li>
 * <li>This phase, once the web server is stopped: every {@link ShutdownDrain} stops taking work and
 * finishes what it holds, within the same timeout. The outbox relay finishes the message in hand and
 * releases the rest of its claim (so no row waits out a lease for a dead relay); the applier finishes its
 * event (an unfinished one rolls back and stays pending). Then one line says what was drained.</li>
 * <li>The scheduler waits for its runs in progress (the same timeout), then the beans are destroyed and
 * the PostgreSQL and Redis pools close.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class GracefulShutdown implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	/** After the web server has stopped, before the task scheduler (at {@code Integer.MAX_VALUE / 2}). */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	private final ApplicationContext context;

	private final List<ShutdownDrain> drains;

	private final Duration timeout;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicInteger answeredWhileClosing = new AtomicInteger();

	private volatile boolean running;

	private volatile boolean closing;

	private volatile long closingSince;

	private volatile int inFlightAtClose;

	GracefulShutdown(ApplicationContext context, List<ShutdownDrain> drains,
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
		this.context = context;
		this.drains = List.copyOf(drains);
		this.timeout = timeout;
	}

	/**
	 * Tomcat binds its port only when it starts serving, not while the context is still being built:
	 * otherwise a restarting instance accepts connections seconds before it can answer them, and closes
	 * them unanswered when Boot rebinds the connector. Callers get a clean refusal instead, and retry.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> bindWhenServing() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> connector.setProperty("bindOnInit", "false"));
	}

	/** Counts the requests in progress, so that the shutdown line can say how many were drained. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	OncePerRequestFilter inFlightRequests() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				GracefulShutdown.this.active.incrementAndGet();
				try {
					chain.doFilter(request, response);
				}
				finally {
					GracefulShutdown.this.active.decrementAndGet();
					if (GracefulShutdown.this.closing) {
						GracefulShutdown.this.answeredWhileClosing.incrementAndGet();
					}
				}
			}
		};
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context && !this.closing) {
			this.closingSince = System.nanoTime();
			this.inFlightAtClose = this.active.get();
			this.closing = true;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		drain();
	}

	@Override
	public void stop(Runnable callback) {
		Thread thread = new Thread(() -> {
			try {
				drain();
			}
			finally {
				callback.run();
			}
		}, "graceful-shutdown");
		thread.setDaemon(true);
		thread.start();
	}

	private void drain() {
		this.running = false;
		if (!this.closing) {
			// A stop without a close (a paused test context, to be started again): nothing is shut down.
			return;
		}
		long requestsDone = System.nanoTime();
		Instant deadline = Instant.now().plus(this.timeout);
		this.drains.forEach(ShutdownDrain::stopTaking);
		List<String> outcomes = new ArrayList<>();
		for (ShutdownDrain drain : this.drains) {
			try {
				outcomes.add(drain.awaitDrained(deadline));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				outcomes.add(drain.getClass().getSimpleName() + " interrupted");
			}
			catch (RuntimeException ex) {
				outcomes.add(drain.getClass().getSimpleName() + " failed: " + ex);
			}
		}
		logger.info("Shutdown drained: requests in flight at SIGTERM {}, answered while closing {}, in {} ms; {} ({} ms);"
				+ " next the scheduled jobs in progress (up to {} s), then the pools", this.inFlightAtClose,
				this.answeredWhileClosing.get(), Duration.ofNanos(requestsDone - this.closingSince).toMillis(),
				String.join("; ", outcomes), Duration.ofNanos(System.nanoTime() - requestsDone).toMillis(),
				this.timeout.toSeconds());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
