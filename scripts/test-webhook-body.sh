#!/usr/bin/env bash
# Posts a signed Stripe webhook through the gateway to a running suite and checks auth-billing stored
# and processed it (api-contract.md section 3): the body is pretty-printed JSON with CRLF line ends and
# non-ASCII text, signed the way Stripe signs (t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">), so a
# gateway or service that re-encodes the body fails the signature check here.
#
#   GATEWAY_URL=http://localhost:5000 AUTH_BILLING_URL=http://localhost:3001 \
#   STRIPE_WEBHOOK_SECRET=whsec_... SERVICE_JWT_SECRET=... scripts/test-webhook-body.sh
#
# The event is read back from auth-billing's operator endpoint GET /internal/stripe-events with an
# ops service token (scripts/service-token ops), which the gateway never exposes. Its type has no
# handler by default (customer.created), so it ends "ignored"; WEBHOOK_EVENT_TYPE picks another.
# WEBHOOK_WAIT_SECONDS (default 30) bounds the wait for the applier. Needs curl and a JDK; openssl
# when present signs, else a small Java program does. Exits non-zero, saying why, on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
	echo "test-webhook-body: FAIL: $*" >&2
	exit 1
}

gateway="${GATEWAY_URL:-http://localhost:5000}"
auth_billing="${AUTH_BILLING_URL:-http://localhost:3001}"
[[ -n "${STRIPE_WEBHOOK_SECRET:-}" ]] || fail "STRIPE_WEBHOOK_SECRET must be set (the suite's webhook signing secret)"
[[ -n "${SERVICE_JWT_SECRET:-}" ]] || fail "SERVICE_JWT_SECRET must be set (to read the stored event as ops)"
command -v curl >/dev/null || fail "curl is not installed"
type="${WEBHOOK_EVENT_TYPE:-customer.created}"
wait_seconds="${WEBHOOK_WAIT_SECONDS:-30}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

id="evt_script_$(date +%s)_$RANDOM$RANDOM"
now="$(date +%s)"
# Stripe's rendering: two-space indents, CRLF, UTF-8 text outside ASCII (ü, –, 東京, an emoji).
printf '{\r\n  "id": "%s",\r\n  "object": "event",\r\n  "api_version": "2025-11-17.clover",\r\n  "created": %s,\r\n  "data": {\r\n    "object": {\r\n      "id": "cus_script",\r\n      "object": "customer",\r\n      "description": "Zürich – 東京 😀"\r\n    }\r\n  },\r\n  "livemode": false,\r\n  "pending_webhooks": 1,\r\n  "type": "%s"\r\n}\r\n' \
	"$id" "$now" "$type" >"$work/payload.json"
printf '%s.' "$now" >"$work/signed"
cat "$work/payload.json" >>"$work/signed"

hmac() {
	if command -v openssl >/dev/null; then
		openssl dgst -sha256 -hmac "$STRIPE_WEBHOOK_SECRET" -r <"$work/signed" | cut -d' ' -f1
	else
		cat >"$work/Hmac.java" <<'JAVA'
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Hmac {
	public static void main(String[] args) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(System.getenv("STRIPE_WEBHOOK_SECRET").getBytes("UTF-8"), "HmacSHA256"));
		StringBuilder hex = new StringBuilder();
		for (byte b : mac.doFinal(Files.readAllBytes(Path.of(args[0])))) {
			hex.append(String.format("%02x", b));
		}
		System.out.println(hex);
	}
}
JAVA
		"${JAVA_HOME:+$JAVA_HOME/bin/}java" "$work/Hmac.java" "$work/signed"
	fi
}
signature="t=$now,v1=$(hmac)"
[[ "$signature" =~ ^t=[0-9]+,v1=[0-9a-f]{64}$ ]] || fail "could not sign the payload (got '$signature')"

status="$(curl -sS -o "$work/response" -w '%{http_code}' -X POST "$gateway/api/billing/webhooks" \
	-H 'Content-Type: application/json' -H "Stripe-Signature: $signature" \
	--data-binary "@$work/payload.json")" || fail "could not reach the gateway at $gateway"
[[ "$status" == 200 ]] || fail "POST $gateway/api/billing/webhooks answered $status: $(cat "$work/response")"
grep -q '"received":true' "$work/response" || fail "the gateway answered 200 without {received: true}: $(cat "$work/response")"
echo "test-webhook-body: $id ($type) accepted through the gateway"

# The operator endpoint lists pending (stored, not yet applied) and failed (the applier gave up) events;
# one in neither list was applied or ignored, or never stored: a replay (404 for an unknown id) tells.
listed() {
	code="$(curl -sS -o "$work/events" -w '%{http_code}' -H "X-Service-Token: $token" \
		"$auth_billing/internal/stripe-events?status=$1&limit=1000")" || fail "could not reach auth-billing at $auth_billing"
	[[ "$code" == 200 ]] || fail "GET $auth_billing/internal/stripe-events?status=$1 answered $code: $(cat "$work/events")"
	grep -q "\"$id\"" "$work/events"
}

wait_until_processed() {
	local deadline=$((SECONDS + wait_seconds))
	while :; do
		token="$("$root/scripts/service-token" ops)" || fail "scripts/service-token ops failed"
		listed failed && fail "$id was stored but its handler failed (status failed)"
		listed pending || return 0
		seen_pending=1
		((SECONDS < deadline)) || fail "$id was stored but is still pending after ${wait_seconds}s"
		sleep 1
	done
}

seen_pending=0
wait_until_processed
if ((seen_pending == 0)); then
	# Processed before the first look, or lost: only a stored event can be put back (204, else 404).
	code="$(curl -sS -o "$work/replay" -w '%{http_code}' -X POST -H "X-Service-Token: $token" \
		"$auth_billing/internal/stripe-events/$id/replay")" || fail "could not reach auth-billing at $auth_billing"
	[[ "$code" == 204 ]] || fail "$id was acknowledged but auth-billing has not stored it (replay answered $code: $(cat "$work/replay"))"
	wait_until_processed
fi
echo "test-webhook-body: OK: $id stored and processed by auth-billing (applied or ignored, not failed)"
