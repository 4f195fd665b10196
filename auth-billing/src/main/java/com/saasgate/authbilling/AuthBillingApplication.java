package com.saasgate.authbilling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Registration, login, tokens, billing, trials and usage for a SaaS product, behind the gateway.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AuthBillingApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthBillingApplication.class, args);
	}

}
