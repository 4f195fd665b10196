package com.saasgate.security.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.ObjectError;

/**
 * Prints configuration problems one per line, each naming its environment variable, instead of a
 * stack trace or Boot's multi-line binding report (api-contract.md section 8). Handles our own
 * {@link InvalidConfigurationException} and validation failures of properties whose messages name
 * a variable ({@code @NotBlank(message = "JWT_SECRET must be set")}); anything else is left to Boot. Boot finds it through this jar's {@code META-INF/spring.factories}.
 */
class InvalidConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final Pattern NAMES_A_VARIABLE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+ .*");

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationException invalid) {
				return analysis(invalid.problems(), invalid);
			}
			if (cause instanceof BindValidationException binding) {
				List<String> problems = variableProblems(binding);
				return (problems != null) ? analysis(problems, binding) : null;
			}
		}
		return null;
	}

	// Every error must name a variable; otherwise Boot's report, which names the property, is clearer.
	private static List<String> variableProblems(BindValidationException binding) {
		List<String> problems = new ArrayList<>();
		for (ObjectError error : binding.getValidationErrors()) {
			String message = error.getDefaultMessage();
			if (message == null || !NAMES_A_VARIABLE.matcher(message).matches()) {
				return null;
			}
			if (!problems.contains(message)) {
				problems.add(message);
			}
		}
		return problems.isEmpty() ? null : problems;
	}

	private static FailureAnalysis analysis(List<String> problems, Throwable cause) {
		return new FailureAnalysis(String.join(System.lineSeparator(), problems),
				"Set the variables named above (see .env.example) and start again.", cause);
	}

	/** Before Boot's own analyzers, which would report a binding failure property by property. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
