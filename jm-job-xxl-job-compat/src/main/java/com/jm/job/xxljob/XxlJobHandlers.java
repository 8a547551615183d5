package com.jm.job.xxljob;

import com.jm.job.client.JobHandler;
import com.jm.job.client.autoconfigure.AnnotatedMethods;
import com.jm.job.client.handler.JobHandlerSource;
import com.xxl.job.core.handler.annotation.XxlJob;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Offers every {@code @XxlJob} method of the application's beans to the node as a handler of the
 * annotation's name. Only annotated methods are offered (found by the same rule as the starter's
 * own {@code @JmJob} methods), so a task can never make the node call any other method. At shutdown,
 * after the node has stopped, it runs the {@code destroy} methods of the handlers that started,
 * before the beans that declare them are destroyed.
 */
public class XxlJobHandlers implements JobHandlerSource, BeanNameAware, DisposableBean {

    private final ConfigurableListableBeanFactory beanFactory;
    private String ownName;
    // Written once, when the registry asks (before the node starts), read at shutdown.
    private volatile List<XxlJobMethodHandler> found = List.of();

    public XxlJobHandlers(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanName(String name) {
        this.ownName = name;
    }

    @Override
    public Map<String, JobHandler> handlers() {
        Map<String, XxlJobMethodHandler> byName = new TreeMap<>();
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            AnnotatedMethods.of(beanFactory, beanName, XxlJob.class).forEach((method, xxlJob) -> {
                XxlJobMethodHandler handler = new XxlJobMethodHandler(
                        beanFactory, beanName, beanFactory.getType(beanName, false), method, xxlJob);
                XxlJobMethodHandler previous = byName.putIfAbsent(handler.name(), handler);
                if (previous != null) {
                    throw new IllegalStateException("Two @XxlJob methods are named '" + handler.name() + "': "
                            + previous + " and " + handler + "; give one of them another name");
                }
                if (handler.hasDestroy() && ownName != null) {
                    // Destroyed before the bean whose destroy method it calls.
                    beanFactory.registerDependentBean(beanName, ownName);
                }
            });
        }
        found = List.copyOf(byName.values());
        return Map.copyOf(byName);
    }

    @Override
    public void destroy() {
        found.forEach(XxlJobMethodHandler::stop);
    }
}
