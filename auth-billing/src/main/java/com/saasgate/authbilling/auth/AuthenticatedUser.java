package com.saasgate.authbilling.auth;

import java.util.UUID;

/**
 * The user a request's verified access token names, as the security filter chain put it in the
 * security context. Declare it as a controller method parameter to receive it. The path rules of
 * {@code security.AccessRules}, not this parameter, decide that a call needs a user.
 */
public record AuthenticatedUser(UUID userId, String email, String role) {
}
