package com.saasgate.authbilling.webhooks;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /billing/webhooks}, public: Stripe's signature is the authentication. The body is taken
 * as bytes, never bound to an object, because the signature covers the exact bytes.
 */
@RestController
class WebhookController {

	private final WebhookIntake intake;

	WebhookController(WebhookIntake intake) {
		this.intake = intake;
	}

	@PostMapping("/billing/webhooks")
	Received receive(@RequestHeader(name = "Stripe-Signature", required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		String payload = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		// A duplicate gets the same 200: Stripe must stop retrying an event we hold.
		this.intake.receive(payload, signature);
		return new Received(true);
	}

	/** {@code {received: true}}: the event is stored. */
	@Schema(requiredProperties = "received")
	record Received(boolean received) {
	}

}
