package com.saasgate.authbilling.ops;

import java.util.List;

/** The configuration breaks a start-up rule; each problem is one line naming its variable. */
public final class InvalidConfigurationException extends RuntimeException {

	private final List<String> problems;

	public InvalidConfigurationException(List<String> problems) {
		super("Invalid configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
