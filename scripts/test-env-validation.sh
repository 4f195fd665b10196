#!/usr/bin/env bash
# Starts auth-billing and the gateway from their built jars in the prod profile with a secret
# (a) missing, (b) the placeholder your-...-change-in-production, (c) 20 characters, and checks that
# each start is refused with the one clear line naming the variable (api-contract.md section 8). The
# secrets are auth-billing's (JWT_REFRESH_SECRET, SERVICE_JWT_SECRET): the gateway holds no shared secret
# any more. Then each service's private key (JWT_SIGNING_KEY, GATEWAY_SIGNING_KEY) missing or not a key.
# Then the gateway with valid keys but the localhost CORS_ALLOWED_ORIGINS default, also refused.
#
#   ./mvnw -B -q -pl auth-billing,gateway -am -DskipTests package && scripts/test-env-validation.sh
#
# Every other required variable gets a valid value, so the secret under test is the only thing wrong. The secret
# checks run before anything connects: DATABASE_URL (default: a closed port on 127.0.0.1) and
# REDIS_URL may be left pointing nowhere, or at a running suite. Ports are 0 (free ones), so a running
# suite is not disturbed. START_TIMEOUT_SECONDS (default 90) bounds each start; a service still
# running then has not refused and fails the run. AUTH_BILLING_JAR / GATEWAY_JAR override the jars.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
	echo "test-env-validation: FAIL: $*" >&2
	exit 1
}

jar_of() {
	local found
	found="$(ls "$root/$1/target/$1"-*.jar 2>/dev/null | grep -v -e '-plain' -e '-sources' | head -n 1 || true)"
	[[ -n "$found" ]] || fail "no $1/target/$1-*.jar: build it (./mvnw -B -q -pl $1 -am -DskipTests package)"
	echo "$found"
}

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java_cmd" >/dev/null || fail "java is not installed"
auth_billing_jar="${AUTH_BILLING_JAR:-$(jar_of auth-billing)}"
gateway_jar="${GATEWAY_JAR:-$(jar_of gateway)}"
timeout_seconds="${START_TIMEOUT_SECONDS:-90}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Valid values for everything but the secret under test, unrelated to any real deployment's (the
# signing key is a throwaway EC P-256 test key, made for this script).
valid="env-validation-test-secret-0123456789abcdef"
signing_key="-----BEGIN PRIVATE KEY-----MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCAnMQuJdWMD+RrysC2ZohcJfuQ4qUVeKqTsnt+YRd3yew==-----END PRIVATE KEY-----"
public_key="-----BEGIN PUBLIC KEY-----MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+VJfbcHIG/n5HJ5S1pE11X+SUsMUcTUpHMkG/aXdCJVOsfd6bxvKFX7FVae8U/6lGheJZvzTOVh1GsI9o5mkyQ==-----END PUBLIC KEY-----"
common=(SPRING_PROFILES_ACTIVE=prod JWT_SIGNING_KEY="$signing_key" GATEWAY_SIGNING_KEY="$signing_key"
	SERVICE_PUBLIC_KEY_GATEWAY="$public_key"
	JWT_REFRESH_SECRET="$valid-refresh" SERVICE_JWT_SECRET="$valid-service"
	DATABASE_URL="${DATABASE_URL:-postgresql://saasgate:unused@127.0.0.1:9/saasgate}"
	REDIS_URL="${REDIS_URL:-redis://127.0.0.1:9}"
	AUTH_BILLING_PORT=0 AUTH_BILLING_MANAGEMENT_PORT=0 GATEWAY_PORT=0 GATEWAY_MANAGEMENT_PORT=0)

# start <name> <jar> <expected line> [VARIABLE=value ...]: the start must end, non-zero, printing the line.
start() {
	local name="$1" jar="$2" expected="$3" log="$work/$1.log" rc=0
	shift 3
	# env -u: the calling shell's values must not fill a case; "$@" sets (or, as VAR=, blanks) the one under test
	env -u JWT_SECRET -u JWT_SIGNING_KEY -u JWT_REFRESH_SECRET -u SERVICE_JWT_SECRET -u GATEWAY_SIGNING_KEY "${common[@]}" "$@" timeout -k 10 "$timeout_seconds" "$java_cmd" -jar "$jar" >"$log" 2>&1 || rc=$?
	if ((rc == 124 || rc == 137)); then
		fail "$name did not refuse to start within ${timeout_seconds}s (expected: $expected); log: $(tail -n 20 "$log")"
	fi
	((rc != 0)) || fail "$name exited 0 (expected a refusal: $expected)"
	grep -qxF -- "$expected" <(sed 's/^[[:space:]]*//; s/[[:space:]]*$//' "$log") ||
		fail "$name refused to start (exit $rc) without the line '$expected'; log: $(tail -n 30 "$log")"
	echo "test-env-validation: OK: $name refused: $expected"
}

command -v timeout >/dev/null || fail "timeout (coreutils) is not installed"
short="$(printf 'x%.0s' {1..20})"
for variable in JWT_REFRESH_SECRET SERVICE_JWT_SECRET; do
	start auth-billing "$auth_billing_jar" "$variable must be set" "$variable="
	start auth-billing "$auth_billing_jar" "$variable is a placeholder; set a real secret" "$variable=your-secret-change-in-production"
	start auth-billing "$auth_billing_jar" "$variable must be at least 32 characters" "$variable=$short"
done
for service in auth-billing gateway; do
	jar="$auth_billing_jar"
	variable=JWT_SIGNING_KEY
	if [[ "$service" == gateway ]]; then
		jar="$gateway_jar"
		variable=GATEWAY_SIGNING_KEY
	fi
	start "$service" "$jar" "$variable must be set" "$variable="
	start "$service" "$jar" "$variable is not a usable signing key: not a key: expected a JWK (JSON) or PEM" "$variable=$valid"
done
# With every secret valid, prod still refuses the localhost defaults of the addresses given to browsers.
# The gateway needs no database to get that far (auth-billing's case is StartupConfigurationTests).
start gateway "$gateway_jar" "CORS_ALLOWED_ORIGINS points at localhost, a development default; set the production address"
echo "test-env-validation: OK: auth-billing refuses a missing, placeholder or short secret in prod; both refuse a missing or unusable signing key"
echo "test-env-validation: OK: the gateway refuses localhost CORS_ALLOWED_ORIGINS in prod"
