package com.saasgate.authbilling.auth;

import java.util.List;
import java.util.Map;

import com.saasgate.authbilling.web.ApiException;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves {@link AuthenticatedUser} parameters from the security context: the principal the filter
 * chain verified from the access token. The path rules already require the user; this does not verify
 * anything again. Reaching it without a user would be a rule missing from the chain: it answers 401
 * rather than proceed without one.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticatedUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	static {
		// injected, not sent: springdoc would describe it as a required query parameter
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AuthenticatedUser.class;
	}

	@Override
	public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
			return user;
		}
		throw new ApiException(HttpStatus.UNAUTHORIZED, "authentication_required", "This call needs an access token.",
				Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
	}

}
