package com.saasgate.security;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemCodesTests {

	@Test
	void codeForWhenAnyErrorStatusThenTheCodeIsAKnownOne() {
		IntStream.range(400, 600)
			.mapToObj(ProblemTypes::codeFor)
			.forEach((code) -> assertThat(ProblemCodes.ALL).as("codeFor's %s", code).contains(code));
	}

	@Test
	void allWhenListedThenEachCodeOnceAndSnakeCase() {
		assertThat(ProblemCodes.ALL).doesNotHaveDuplicates()
			.allMatch((code) -> code.matches("[a-z]+(_[a-z]+)*"))
			.hasSize(ProblemCodes.CONTRACT.size() + ProblemCodes.EXTENSIONS.size());
	}

}
