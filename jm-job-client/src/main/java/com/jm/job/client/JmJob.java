package com.jm.job.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a job handler, for beans that run several jobs or that should
 * not implement {@link JobHandler}. Tasks select it by the annotation's value in their {@code
 * beanName}.
 *
 * <p>The method takes either no argument or one {@link JobContext}, and returns {@link JobResult}
 * or {@code void} (success unless it throws). Make it public when the bean may be proxied (for
 * example {@code @Transactional}), so the call goes through the proxy like any other call.
 *
 * <pre>{@code
 * @Component
 * class ReportJobs {
 *     @JmJob("dailyReport")
 *     JobResult dailyReport(JobContext context) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JmJob {

    /** The job handler's name, unique on the node; tasks name it in their {@code beanName}. */
    String value();
}
