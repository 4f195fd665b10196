package com.saasgate.authbilling.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict reading of JSON strings, so that a malformed value is a 400 at the door instead of a
 * surprise further in: a number or boolean where a string goes is refused (Jackson would turn
 * {@code 123} into {@code "123"}), and so is a string holding U+0000, which PostgreSQL cannot store
 * (a 500), or an unpaired surrogate, which is not text at all (RFC 8259 section 8.2) and breaks
 * password hashing. A key given twice in one object is refused too (RFC 8259 section 4 leaves the
 * meaning to the reader; Jackson would silently keep the last, so a check of the first and a use of
 * the second could disagree).
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJsonStrings() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("strict-strings").addDeserializer(String.class, new TextOnlyDeserializer()));
	}

	/** The standard string deserializer, refusing values that are not storable text. */
	static final class TextOnlyDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			if (value != null && !isText(value)) {
				return context.reportInputMismatch(this, "string holds U+0000 or an unpaired surrogate");
			}
			return value;
		}

		static boolean isText(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\u0000') {
					return false;
				}
				if (Character.isHighSurrogate(c)) {
					if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
						return false;
					}
					i++;
				}
				else if (Character.isLowSurrogate(c)) {
					return false;
				}
			}
			return true;
		}

	}

}
