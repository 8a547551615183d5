package com.jm.job.client.autoconfigure;

import com.jm.job.client.JmJob;
import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.lang.reflect.Method;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link JmJob} method seen as a {@link JobHandler}. The bean is looked up on each run, so lazy,
 * prototype and proxied beans behave as they do elsewhere in the application.
 */
final class MethodJobHandler implements JobHandler {

    private final BeanFactory beanFactory;
    private final String beanName;
    private final Method method;

    MethodJobHandler(BeanFactory beanFactory, String beanName, Method method) {
        checkSignature(method);
        this.beanFactory = beanFactory;
        this.beanName = beanName;
        this.method = method;
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public JobResult execute(JobContext context) throws Exception {
        Object bean = beanFactory.getBean(beanName);
        Object[] args = method.getParameterCount() == 0 ? new Object[0] : new Object[] {context};
        return (JobResult) AnnotatedMethods.invoke(bean, method, args);
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getName() + "." + method.getName() + " (bean '" + beanName + "')";
    }

    private static void checkSignature(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean parametersFit = parameters.length == 0 || (parameters.length == 1 && parameters[0] == JobContext.class);
        Class<?> returned = method.getReturnType();
        boolean returnFits = returned == void.class || returned == Void.class || returned == JobResult.class;
        if (!parametersFit || !returnFits) {
            throw new IllegalStateException(
                    "@JmJob method " + method.getDeclaringClass().getName() + "." + method.getName()
                            + " must take no argument or one JobContext and return JobResult or void");
        }
    }
}
