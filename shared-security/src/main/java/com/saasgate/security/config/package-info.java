/**
 * Start-up configuration failures, shared by both services: {@link InvalidConfigurationException}
 * and the failure analyzer (registered in this jar's {@code META-INF/spring.factories}) that prints
 * it, and validation failures naming a variable, as one line per problem instead of a stack trace.
 * Spring Boot is an optional dependency of this library: only the services, which have it, load this.
 */
package com.saasgate.security.config;
