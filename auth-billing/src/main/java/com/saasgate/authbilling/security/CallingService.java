package com.saasgate.authbilling.security;

/**
 * The service a request's verified service token names ({@code iss}), as the security filter chain put
 * it in the security context. Declare it as a controller method parameter to receive it; the path
 * rules of {@link AccessRules} have already checked that the service may call the path.
 */
public record CallingService(String name) {
}
