package com.jm.job.client.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The methods of a bean that carry a handler annotation, and how they are called: the one rule by which both {@link
 * com.jm.job.client.JmJob} methods and other schedulers' annotated methods (a {@link
 * com.jm.job.client.handler.JobHandlerSource}) are found, so they agree on which beans they look
 * at. The bean is not created: its type comes from its definition.
 */
public final class AnnotatedMethods {

    private AnnotatedMethods() {}

    /**
     * The methods of bean {@code beanName} (its user class, not a proxy's) annotated with {@code
     * annotation}, directly or as a meta-annotation; empty for a scoped proxy's target (the proxy's
     * own name covers it) and for a bean whose type cannot be told without creating it.
     */
    public static <A extends Annotation> Map<Method, A> of(
            ConfigurableListableBeanFactory beanFactory, String beanName, Class<A> annotation) {
        if (ScopedProxyUtils.isScopedTarget(beanName)) {
            return Map.of();
        }
        Class<?> type = beanFactory.getType(beanName, false);
        if (type == null) {
            return Map.of();
        }
        return MethodIntrospector.selectMethods(ClassUtils.getUserClass(type), (MethodIntrospector.MetadataLookup<A>)
                method -> AnnotatedElementUtils.findMergedAnnotation(method, annotation));
    }

    /**
     * Calls {@code method} on {@code bean} (through its proxy, when it has one) and throws what the
     * method threw, not a reflection wrapper, so the run fails with the handler's own exception.
     */
    public static Object invoke(Object bean, Method method, Object... args) throws Exception {
        // On a JDK proxy the target class's method is not callable; use the interface's instead.
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        try {
            return invocable.invoke(bean, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
