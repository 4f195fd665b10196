package com.saasgate.authbilling.ops;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Puts every {@code @Scheduled} method through {@link JobOutages}, named {@code Class.method}, so no
 * job needs code of its own for a database outage. The advice is the outermost one (before
 * ShedLock's), because taking a job's lock is the first thing that fails when PostgreSQL is gone.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledJobOutagesConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static JobOutages jobOutages() {
		return new JobOutages();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor scheduledJobOutagesAdvisor(JobOutages outages) {
		MethodInterceptor interceptor = (invocation) -> {
			Class<?> target = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
					: invocation.getMethod().getDeclaringClass();
			return outages.call(target.getSimpleName() + "." + invocation.getMethod().getName(), invocation::proceed);
		};
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				AnnotationMatchingPointcut.forMethodAnnotation(Scheduled.class), interceptor);
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

}
