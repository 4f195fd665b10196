/**
 * Every error the gateway itself answers is an RFC 9457 problem document with a stable {@code code}
 * from the API contract: filters raise {@link com.saasgate.gateway.error.GatewayProblemException},
 * and one {@code ErrorWebExceptionHandler}, ordered before Boot's, renders it and anything else that
 * escapes (unknown routes, an unreachable or slow upstream) without leaking hosts, classes or traces.
 * Configuration the gateway cannot start with is reported the same way at start-up: one line per
 * problem, naming the environment variable.
 */
package com.saasgate.gateway.error;
