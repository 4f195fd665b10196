package com.saasgate.authbilling.trial;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code lastRun} of {@code GET /trials/stats} is a run or {@code null} before the first: JSON Schema's
 * {@code oneOf}, which no {@code @Schema} attribute writes for a referenced record.
 */
@Configuration(proxyBeanMethods = false)
class TrialApiDocs {

	@Bean
	OpenApiCustomizer nullableLastRun() {
		return (openApi) -> {
			Schema<?> stats = openApi.getComponents().getSchemas().get("TrialStats");
			if (stats != null && stats.getProperties() != null) {
				Schema<Object> none = new Schema<>();
				none.setTypes(Set.of("null"));
				stats.getProperties()
					.put("lastRun", new Schema<>().oneOf(List.of(new Schema<>().$ref("TrialRun"), none)));
			}
		};
	}

}
