/**
 * {@link com.saasgate.usageclient.UsageClient}, its own module (it is no token code, and only the
 * services that record usage need it): the Java client of auth-billing's usage ledger for
 * internal services (record, batch, quota, reserve, commit, release), plain {@code java.net.http}, no
 * Spring. Each call mints a fresh service token, and its bounded retries resend the same
 * {@code Idempotency-Key}, so a retry is never counted twice.
 */
package com.saasgate.usageclient;
