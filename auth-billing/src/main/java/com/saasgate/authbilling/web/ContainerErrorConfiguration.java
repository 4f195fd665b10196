package com.saasgate.authbilling.web;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.saasgate.security.Headers;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Requests Tomcat refuses before they reach the application (a malformed or encoded-slash path, a
 * header section over the limit) get Tomcat's error report, an HTML page by default. This swaps in a
 * report that writes the same problem document as the application, with an {@code X-Request-Id}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
		// Once the host has its valves (Boot adds a plain ErrorReportValve), replace them with ours.
		return (factory) -> factory.addContextCustomizers((context) -> context.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				replaceErrorReport(context.getParent());
			}
		}));
	}

	private static void replaceErrorReport(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
				host.getPipeline().removeValve(valve);
			}
		}
		host.getPipeline().addValve(new ProblemErrorReportValve());
	}

	/** Writes the suite's problem document for errors the container raised itself. */
	static final class ProblemErrorReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean();
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			try {
				if (response.getHeader(Headers.REQUEST_ID) == null) {
					response.setHeader(Headers.REQUEST_ID, UUID.randomUUID().toString());
				}
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(problem(HttpStatusCode.valueOf(status)));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client is gone or the response is committed: nothing more to tell it.
			}
		}

		static String problem(HttpStatusCode status) {
			String code = Problems.codeFor(status);
			HttpStatus known = HttpStatus.resolve(status.value());
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			String detail = status.is5xxServerError() ? "An unexpected error occurred." : "The request was rejected.";
			return "{\"type\":\"" + Problems.type(code) + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
		}

	}

}
