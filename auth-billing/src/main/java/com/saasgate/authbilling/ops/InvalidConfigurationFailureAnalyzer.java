package com.saasgate.authbilling.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints configuration problems one per line instead of a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		return new FailureAnalysis(String.join(System.lineSeparator(), cause.problems()),
				"Set the variables named above (see .env.example) and start again.", cause);
	}

}
