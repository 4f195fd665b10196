package com.saasgate.security.config;

import java.util.List;

/**
 * Configuration a service refuses to start with: one line per problem, each naming the environment
 * variable to fix and never its value.
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
