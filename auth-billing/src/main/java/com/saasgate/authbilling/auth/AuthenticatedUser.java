package com.saasgate.authbilling.auth;

import java.util.UUID;

/**
 * The user a request's verified access token names. Declare it as a controller method parameter to
 * require a user: requests without a valid {@code Authorization: Bearer} token get a 401 problem.
 */
public record AuthenticatedUser(UUID userId, String email, String role) {
}
