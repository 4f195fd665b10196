/**
 * Deny by default: the Spring Security filter chain of auth-billing. Every path of the API contract
 * has a rule ({@link com.saasgate.authbilling.security.AccessRules}): public, a user (an
 * {@code Authorization: Bearer} access token, verified by shared-security's {@code AccessTokens}), or
 * a service ({@code X-Service-Token}, from an allow-list per endpoint group); every other path is
 * refused before any controller runs. Refusals are the same RFC 9457 documents as every other error.
 */
package com.saasgate.authbilling.security;
