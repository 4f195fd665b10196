package com.saasgate.authbilling.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The rule of a service endpoint: granted to a {@link ServiceAuthentication} whose service is in the
 * list. Anything else is denied: a user, however authenticated, is not a service.
 */
final class ServiceAllowList implements AuthorizationManager<RequestAuthorizationContext> {

	private final List<String> allowed;

	private final ServiceAuthMetrics metrics;

	ServiceAllowList(List<String> allowed, ServiceAuthMetrics metrics) {
		this.allowed = List.copyOf(allowed);
		this.metrics = metrics;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof ServiceAuthentication service)) {
			// No token: counted as missing by the filter, answered 401 by the entry point.
			return new AuthorizationDecision(false);
		}
		boolean granted = this.allowed.contains(service.service());
		this.metrics.count(service.service(),
				granted ? ServiceAuthMetrics.Result.ALLOWED : ServiceAuthMetrics.Result.FORBIDDEN);
		return new AuthorizationDecision(granted);
	}

	@Override
	public String toString() {
		return "ServiceAllowList" + this.allowed;
	}

}
