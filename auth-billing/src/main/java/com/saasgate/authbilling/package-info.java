/**
 * The auth-billing service. Each sub-package is a feature module ({@code auth}, {@code email},
 * {@code tier}, {@code limits}, {@code web}, {@code ops}): its top level is what other modules may use.
 */
package com.saasgate.authbilling;
