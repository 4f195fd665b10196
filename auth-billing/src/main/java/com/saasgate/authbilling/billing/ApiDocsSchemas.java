package com.saasgate.authbilling.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.saasgate.security.contract.Tier;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The closed sets of the OpenAPI description, written from their one source in code: {@code Tier}
 * from {@link Tier} and {@code ResourceType} from {@link Plan#RESOURCE_TYPES}. Records refer to them by
 * name ({@code @Schema(ref = "Tier")}), so a new tier or resource type reaches every field at once.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSchemas {

	@Bean
	OpenApiCustomizer tierAndResourceTypeSchemas() {
		return (openApi) -> openApi.getComponents()
			.addSchemas("Tier", enumeration("A subscription tier", Arrays.stream(Tier.values()).map(Tier::value).toList()))
			.addSchemas("ResourceType", enumeration("A metered resource type", Plan.RESOURCE_TYPES))
			.addSchemas("PlanLimits", planLimits());
	}

	/** {@code {requestsPerMinute, <resourceType>: monthlyQuota}}; a quota is null when the type is not metered. */
	private static Schema<Object> planLimits() {
		Schema<Object> schema = typed("object");
		schema.addProperty("requestsPerMinute", typed("integer").format("int32").minimum(BigDecimal.ZERO));
		for (String type : Plan.RESOURCE_TYPES) {
			Schema<Object> quota = new Schema<>();
			quota.setType("integer");
			quota.setTypes(new LinkedHashSet<>(List.of("integer", "null")));
			schema.addProperty(type, quota.format("int64").minimum(BigDecimal.ZERO));
		}
		List<String> required = new ArrayList<>(List.of("requestsPerMinute"));
		required.addAll(Plan.RESOURCE_TYPES);
		schema.setRequired(required);
		return schema.description("The rate limit at the gateway and the monthly quota of each resource type");
	}

	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		// OpenAPI 3.1 writes JSON Schema's type set; 3.0 reads the single type
		schema.setType(type);
		schema.setTypes(Set.of(type));
		return schema;
	}

	private static Schema<Object> enumeration(String description, List<String> values) {
		Schema<Object> schema = typed("string");
		schema.setEnum(new ArrayList<>(values));
		return schema.description(description);
	}

}
