package com.saasgate.gateway.ratelimit;

/**
 * One bucket's answer.
 *
 * @param allowed whether the request may pass (a token was taken)
 * @param limit the bucket's capacity: the tier's requests per minute
 * @param remaining whole tokens left after this request
 * @param retryAfterMillis when refused, how long until one token is back; 0 when allowed
 */
record Decision(boolean allowed, int limit, long remaining, long retryAfterMillis) {
}
