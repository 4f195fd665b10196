/**
 * What the gateway forwards where (API contract section 1), and the rules every request passes
 * first: a sane {@code X-Request-Id}, no path tricks (encoded dots or slashes, dot segments), no way
 * to auth-billing's internal endpoints, and a body size limit. Routes are built in Java from
 * {@link com.saasgate.gateway.GatewayProperties} and match on path only, so upstreams answer
 * unknown sub-paths and wrong methods with their own problem documents.
 */
package com.saasgate.gateway.routing;
