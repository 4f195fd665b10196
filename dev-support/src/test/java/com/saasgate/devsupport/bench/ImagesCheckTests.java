package com.saasgate.devsupport.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagesCheckTests {

	@Test
	void parseWhenNoArgumentsThenOneRoundOfImagesThenJarsOnTheProjectVersionWithoutReport() {
		ImagesCheck.Options options = ImagesCheck.Options.parse(new String[0]);

		assertThat(options.rounds()).isEqualTo(1);
		assertThat(options.modes()).containsExactly("image", "jar");
		assertThat(options.tag()).isEqualTo("0.1.0-SNAPSHOT");
		assertThat(options.timeoutSeconds()).isEqualTo(240);
		assertThat(options.report()).isNull();
	}

	@Test
	void parseWhenOnlyImagesWithTagAndReportThenHonoured() {
		ImagesCheck.Options options = ImagesCheck.Options
			.parse(new String[] { "--rounds", "3", "--only", "image", "--tag", "j25", "--report", "docs/benchmarks.md" });

		assertThat(options.rounds()).isEqualTo(3);
		assertThat(options.modes()).containsExactly("image");
		assertThat(options.tag()).isEqualTo("j25");
		assertThat(options.report()).isEqualTo(Path.of("docs/benchmarks.md"));
	}

	@Test
	void parseWhenModeUnknownOrNoRoundsOrArgumentUnknownThenRefused() {
		assertThatThrownBy(() -> ImagesCheck.Options.parse(new String[] { "--only", "podman" }))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--only");
		assertThatThrownBy(() -> ImagesCheck.Options.parse(new String[] { "--rounds", "0" }))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--rounds");
		assertThatThrownBy(() -> ImagesCheck.Options.parse(new String[] { "--fast" }))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("scripts/images-check");
	}

}
