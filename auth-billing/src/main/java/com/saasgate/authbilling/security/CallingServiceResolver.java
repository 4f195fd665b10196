package com.saasgate.authbilling.security;

import java.util.List;

import com.saasgate.authbilling.web.ApiException;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves {@link CallingService} parameters from the {@link ServiceAuthentication} of the security
 * context. Reaching it without one would be a rule missing from the chain: it answers 401 rather than
 * proceed without a caller.
 */
@Configuration(proxyBeanMethods = false)
class CallingServiceResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	static {
		// injected, not sent: springdoc would describe it as a required query parameter
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallingService.class);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CallingService.class;
	}

	@Override
	public CallingService resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof ServiceAuthentication service) {
			return new CallingService(service.service());
		}
		throw new ApiException(HttpStatus.UNAUTHORIZED, "service_auth_required", "This call needs a service token.");
	}

}
