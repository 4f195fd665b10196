package com.saasgate.authbilling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of the whole service on a random port against the real embedded PostgreSQL and Redis and a
 * GreenMail SMTP server, with every table and key emptied before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"auth.jwt.signing-key=" + TestSecrets.JWT_SIGNING_KEY, "auth.jwt.refresh-secret=" + TestSecrets.JWT_REFRESH_SECRET,
		"auth.service-jwt-secret=" + TestSecrets.SERVICE_JWT_SECRET,
		"SERVICE_JWT_SECRET_GATEWAY=" + TestSecrets.SERVICE_JWT_SECRET_GATEWAY,
		"SERVICE_PUBLIC_KEY_GATEWAY=" + TestSecrets.SERVICE_PUBLIC_KEY_GATEWAY,
		"auth.jwt.signing-key-previous=" + TestSecrets.JWT_SIGNING_KEY_PREVIOUS,
		"auth.jwt.refresh-secret-previous=" + TestSecrets.JWT_REFRESH_SECRET_PREVIOUS,
		"auth.service-jwt-secret-previous=" + TestSecrets.SERVICE_JWT_SECRET_PREVIOUS,
		"SERVICE_JWT_SECRET_GATEWAY_PREVIOUS=" + TestSecrets.SERVICE_JWT_SECRET_GATEWAY_PREVIOUS,
		"STRIPE_WEBHOOK_SECRET=" + TestSecrets.STRIPE_WEBHOOK_SECRET,
		"STRIPE_WEBHOOK_SECRET_PREVIOUS=" + TestSecrets.STRIPE_WEBHOOK_SECRET_PREVIOUS,
		// A cheap Argon2 cost keeps the suite fast; the production cost is tested on its own.
		"auth.password.memory-kib=64", "auth.password.iterations=1", "outbox.relay-interval=100ms",
		"management.server.port=0",
		// Tests run the reconciliation job themselves; a tick at the top of the hour would race them.
		"stripe.reconciliation.cron=-" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@Import(ApiConfiguration.class)
@ExtendWith(CleanState.class)
public @interface IntegrationTest {

}
