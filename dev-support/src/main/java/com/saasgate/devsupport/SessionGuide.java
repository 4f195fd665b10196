package com.saasgate.devsupport;

import java.time.Duration;
import java.util.Map;

/** What {@link DevMain} prints once the suite is up: where everything listens and a curl session. */
final class SessionGuide {

	private SessionGuide() {
	}

	static String summary(DevSuite suite, Duration startedIn) {
		Map<String, String> env = suite.environment();
		String embedded = " (embedded, discarded on exit)";
		StringBuilder out = new StringBuilder();
		out.append("\n==== saasgate dev suite is up (").append(startedIn.toSeconds()).append(" s) ====\n\n");
		suite.webApp().ifPresent((web) -> line(out, "web app", web.url()
				+ "   <- the reference app (clients/web): sign up, verify, upgrade, usage"));
		line(out, "gateway", suite.gatewayUrl() + "   <- the public API: /api/auth/..., /health");
		line(out, "auth-billing", suite.authBillingUrl() + "   (internal; /health)");
		line(out, "metrics", suite.gatewayManagementUrl() + "/actuator/prometheus   (gateway)");
		line(out, "", suite.authBillingManagementUrl() + "/actuator/prometheus   (auth-billing)");
		String postgres = suite.postgresDataDirectory()
			.map((directory) -> " (embedded, data kept in " + directory + "; scripts/dev --fresh starts clean)")
			.orElse(embedded);
		line(out, "PostgreSQL", suite.databaseUrl() + (suite.devValues().contains("DATABASE_URL") ? postgres : ""));
		line(out, "Redis", suite.redisUrl() + (suite.devValues().contains("REDIS_URL") ? embedded : ""));
		line(out, "mail (SMTP)", env.get("SMTP_HOST") + ":" + env.get("SMTP_PORT") + suite.mailCatcher()
			.map((catcher) -> "   printed here as [mail] and saved to " + catcher.mailbox() + " (.eml, and .txt decoded)")
			.orElse("   (your server: read the mails there)"));
		suite.mailboxPage().ifPresent((page) -> line(out, "mailbox page", page.url() + "   (the caught mails, newest first; "
				+ page.url() + "mails.json)"));
		suite.stripeStandIn().ifPresent((stripe) -> line(out, "Stripe (dev)", stripe.url()
				+ "   (stand-in: Checkout and Portal pages with \"Pay (test)\", webhooks signed to the gateway)"));
		line(out, "frontend links", env.getOrDefault("FRONTEND_URL", "http://localhost:3000") + " (FRONTEND_URL)");
		line(out, "dev values for", String.join(", ", suite.devValues()));
		suite.secretsFile().ifPresent((file) -> line(out, "", "(the dev secrets are kept in " + file + " and reused)"));
		out.append("\nEverything else comes from your environment. Ctrl-C stops it all.\n\n");
		out.append("---- try it: paste into another shell ----\n");
		out.append(curlSession(suite));
		return out.toString();
	}

	static String curlSession(DevSuite suite) {
		String mailbox = suite.mailCatcher().map((catcher) -> catcher.mailbox().toString()).orElse("/path/to/your/mail");
		String json = "-H 'Content-Type: application/json'";
		return """
				GW=%1$s
				MAILBOX=%3$s
				EMAIL="dev-$(date +%%s)@example.com"; PASSWORD='correct-horse-battery-staple'
				json() { sed -E "s/.*\\"$1\\":\\"([^\\"]*)\\".*/\\1/"; }

				# register: 201, and a verification mail ([mail] above, and a file in $MAILBOX)
				curl -s -X POST "$GW/api/auth/register" %2$s -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\",\\"name\\":\\"Dev\\"}"; echo
				# the mail goes out a moment later (outbox relay): wait for it, up to 15 s
				for i in $(seq 30); do MAIL=$(grep -lsF "To: $EMAIL" "$MAILBOX"/*.txt | tail -1); [ -n "$MAIL" ] && break; sleep 0.5; done
				TOKEN=$(grep -o 'verify-email?token=[A-Za-z0-9_-]*' "$MAIL" | head -1 | cut -d= -f2); echo "token: $TOKEN"

				# verify the address: 200 and a first token pair
				curl -s -X POST "$GW/api/auth/verify-email" %2$s -d "{\\"token\\":\\"$TOKEN\\"}"; echo

				# log in: 200 and a token pair
				PAIR=$(curl -s -X POST "$GW/api/auth/login" %2$s -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}"); echo "$PAIR"
				ACCESS=$(echo "$PAIR" | json accessToken); REFRESH=$(echo "$PAIR" | json refreshToken)

				# who am I: 200
				curl -s "$GW/api/auth/me" -H "Authorization: Bearer $ACCESS"; echo

				# refresh: 200 and a new pair; the old refresh token is spent
				PAIR=$(curl -s -X POST "$GW/api/auth/refresh" %2$s -d "{\\"refreshToken\\":\\"$REFRESH\\"}"); echo "$PAIR"
				ACCESS=$(echo "$PAIR" | json accessToken); REFRESH=$(echo "$PAIR" | json refreshToken)

				# log out: 204
				curl -s -o /dev/null -w '%%{http_code}\\n' -X POST "$GW/api/auth/logout" %2$s -d "{\\"refreshToken\\":\\"$REFRESH\\"}"
				""".formatted(suite.gatewayUrl(), json, mailbox);
	}

	private static void line(StringBuilder out, String what, String where) {
		out.append(String.format("  %-15s %s%n", what, where));
	}

}
