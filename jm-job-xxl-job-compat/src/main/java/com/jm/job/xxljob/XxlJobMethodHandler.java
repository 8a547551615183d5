package com.jm.job.xxljob;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.autoconfigure.AnnotatedMethods;
import com.xxl.job.core.context.XxlJobContext;
import com.xxl.job.core.handler.annotation.XxlJob;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@code @XxlJob} method as a jm-job handler. Each run gets its own {@link XxlJobRun} as the
 * thread's {@link XxlJobContext} for the call (and for threads the method starts, which inherit
 * it, as in XXL-JOB), cleared afterwards so no later work on the worker thread sees it.
 *
 * <p>The annotation's {@code init} method runs once, before the first run on this node (XXL-JOB runs
 * it when a job's thread starts, which is at its first trigger); {@code destroy} runs at shutdown
 * if the handler ever started. Unlike XXL-JOB, which logs a failing {@code init} and runs the job
 * anyway, a failing {@code init} fails the run and is tried again at the next one: a handler whose
 * set-up failed should not work on half a set-up.
 */
final class XxlJobMethodHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(XxlJobMethodHandler.class);

    private final BeanFactory beanFactory;
    private final String beanName;
    private final String name;
    private final Method method;
    private final Method init;
    private final Method destroy;
    private final Object lifecycle = new Object();
    // Guarded by lifecycle.
    private boolean started;

    XxlJobMethodHandler(BeanFactory beanFactory, String beanName, Class<?> beanType, Method method, XxlJob xxlJob) {
        this.beanFactory = beanFactory;
        this.beanName = beanName;
        this.method = method;
        this.name = xxlJob.value().strip();
        if (name.isEmpty()) {
            throw new IllegalStateException("@XxlJob on " + describe(method) + " needs a name");
        }
        Class<?> userType = ClassUtils.getUserClass(beanType);
        this.init = lifecycleMethod(userType, xxlJob.init(), "init");
        this.destroy = lifecycleMethod(userType, xxlJob.destroy(), "destroy");
        ReflectionUtils.makeAccessible(method);
    }

    String name() {
        return name;
    }

    boolean hasDestroy() {
        return destroy != null;
    }

    @Override
    public JobResult execute(JobContext context) throws Exception {
        Object bean = beanFactory.getBean(beanName);
        start(bean);
        XxlJobRun run = new XxlJobRun(context);
        XxlJobContext.setXxlJobContext(run);
        try {
            // As XXL-JOB 3.x: parameters, if the method has any, get null (its handlers read
            // XxlJobHelper.getJobParam() instead), and what it returns is not looked at.
            AnnotatedMethods.invoke(bean, method, new Object[method.getParameterCount()]);
        } finally {
            XxlJobContext.setXxlJobContext(null);
        }
        return run.result();
    }

    /** Runs the destroy method if the handler started; called once, at shutdown. */
    void stop() {
        synchronized (lifecycle) {
            if (!started || destroy == null) {
                return;
            }
            started = false;
            try {
                AnnotatedMethods.invoke(beanFactory.getBean(beanName), destroy);
            } catch (Exception e) {
                log.warn("The destroy method of @XxlJob(\"{}\") failed", name, e);
            }
        }
    }

    private void start(Object bean) throws Exception {
        synchronized (lifecycle) {
            if (started) {
                return;
            }
            if (init != null) {
                AnnotatedMethods.invoke(bean, init);
            }
            started = true;
        }
    }

    private Method lifecycleMethod(Class<?> type, String methodName, String role) {
        if (methodName == null || methodName.isBlank()) {
            return null;
        }
        Method found = ReflectionUtils.findMethod(type, methodName.strip());
        if (found == null) {
            throw new IllegalStateException("@XxlJob(\"" + name + "\") on " + describe(method) + " names " + role
                    + " method '" + methodName + "', but " + type.getName() + " has no such method without parameters");
        }
        ReflectionUtils.makeAccessible(found);
        return found;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    @Override
    public String toString() {
        return "@XxlJob(\"" + name + "\") " + describe(method) + " (bean '" + beanName + "')";
    }
}
