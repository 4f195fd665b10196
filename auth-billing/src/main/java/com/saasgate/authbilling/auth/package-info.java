/**
 * Accounts and sessions: registration with email verification, login with brute-force protection,
 * access tokens, rotating refresh tokens with reuse detection, logout and password reset. Other
 * modules use {@link com.saasgate.authbilling.auth.AuthenticatedUser} to know who is calling.
 */
package com.saasgate.authbilling.auth;
