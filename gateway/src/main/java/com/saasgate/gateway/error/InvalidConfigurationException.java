package com.saasgate.gateway.error;

import java.util.List;

/**
 * Configuration the gateway refuses to start with, as one line per problem, each naming the
 * environment variable to fix and never its value.
 */
public final class InvalidConfigurationException extends IllegalStateException {

	private final List<String> problems;

	public InvalidConfigurationException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
