/**
 * The usage ledger, the single source of truth for what users consumed: internal services record
 * usage ({@code POST /usage/record}, {@code /usage/record/batch}) with an idempotency key unique per
 * service, so a retry never counts twice; hold quota before an expensive call ({@code /usage/reserve},
 * then commit or release); and ask what is left ({@code /usage/quota}); users read their own
 * {@code /usage/summary}. Each event and its per-period counter are written in one transaction, quotas
 * come from the plan of the user's effective tier, and a resource that runs out is broadcast on Redis
 * {@code user_quota_exhausted} through the outbox.
 */
package com.saasgate.authbilling.usage;
