/**
 * What operators and orchestrators ask the gateway on its public port: {@code GET /health} with the
 * state of auth-billing, and the liveness and readiness probes at the contract's
 * {@code /actuator/health/...} paths. Metrics and the full actuator stay on the management port.
 */
package com.saasgate.gateway.ops;
