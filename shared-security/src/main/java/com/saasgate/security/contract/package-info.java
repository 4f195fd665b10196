/**
 * The wire contract between auth-billing and the gateway (and the upstreams behind it), as types
 * instead of repeated strings: the {@link com.saasgate.security.contract.Tier tiers} and the
 * effective-tier rule, the Redis {@link com.saasgate.security.contract.Channel channels} with their
 * message records and JSON form, and the {@link com.saasgate.security.contract.ServiceNames service
 * names} used as token issuers and audiences. Header names are
 * {@link com.saasgate.security.Headers}; problem codes {@link com.saasgate.security.ProblemCodes}.
 */
package com.saasgate.security.contract;
