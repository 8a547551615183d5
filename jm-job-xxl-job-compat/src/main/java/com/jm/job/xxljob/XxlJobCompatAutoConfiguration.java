package com.jm.job.xxljob;

import com.jm.job.client.autoconfigure.JmJobClientAutoConfiguration;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.xxl.job.core.handler.annotation.XxlJob;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the application's {@code @XxlJob} methods as jm-job handlers on the node the starter runs.
 * Nothing of XXL-JOB's executor is started: no embedded server, no port, no registration with an
 * XXL-JOB admin, no callback or log-cleaning thread. Only {@code XxlJob}, {@code XxlJobHelper} and
 * {@code XxlJobContext} are used.
 */
@AutoConfiguration(after = JmJobClientAutoConfiguration.class)
@ConditionalOnClass(XxlJob.class)
@ConditionalOnBean(JobHandlerRegistry.class)
public class XxlJobCompatAutoConfiguration {

    /** The {@code @XxlJob} methods, offered to the node's handler registry. */
    @Bean
    @ConditionalOnMissingBean
    public XxlJobHandlers jmJobXxlJobHandlers(ConfigurableListableBeanFactory beanFactory) {
        return new XxlJobHandlers(beanFactory);
    }

    /** {@code XxlJobHelper.log} lines into the run's log, when SLF4J logs through Logback. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
    static class RunLog {

        @Bean
        XxlJobLogBridge jmJobXxlJobLogBridge() {
            return new XxlJobLogBridge();
        }
    }
}
