package com.jm.job.client.autoconfigure;

import com.jm.job.client.JmJob;
import com.jm.job.client.JobHandler;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.handler.JobHandlerSource;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Finds the application's job handlers once every singleton exists: beans implementing {@link
 * JobHandler} by bean name, {@link JmJob} methods by the annotation's value, and what each {@link
 * JobHandlerSource} bean offers. Two handlers with one name fail start-up, because a task could not
 * say which one it means.
 */
public class BeanFactoryJobHandlerRegistry implements JobHandlerRegistry, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BeanFactoryJobHandlerRegistry.class);

    private final ConfigurableListableBeanFactory beanFactory;
    // Written once before the node starts (afterSingletonsInstantiated), then only read.
    private volatile Map<String, Entry> handlers = Map.of();

    public BeanFactoryJobHandlerRegistry(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Optional<JobHandler> find(String name) {
        Entry entry = name == null ? null : handlers.get(name);
        return Optional.ofNullable(entry).map(Entry::handler);
    }

    @Override
    public Set<String> names() {
        return handlers.keySet();
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Entry> found = new TreeMap<>();
        for (String beanName : beanFactory.getBeanNamesForType(JobHandler.class, true, false)) {
            // Resolved on each run, so a prototype or lazy handler bean behaves as declared.
            JobHandler handler =
                    context -> beanFactory.getBean(beanName, JobHandler.class).execute(context);
            add(found, beanName, new Entry(handler, "bean '" + beanName + "'"));
        }
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            addAnnotatedMethods(found, beanName);
        }
        beanFactory.getBeansOfType(JobHandlerSource.class).forEach((sourceName, source) -> source.handlers()
                .forEach((name, handler) ->
                        add(found, name, new Entry(handler, handler + " (from bean '" + sourceName + "')"))));
        handlers = Collections.unmodifiableMap(found);
        log.info("jm-job handlers on this node: {}", found.keySet());
    }

    private void addAnnotatedMethods(Map<String, Entry> found, String beanName) {
        Map<Method, JmJob> methods = AnnotatedMethods.of(beanFactory, beanName, JmJob.class);
        methods.forEach((method, annotation) -> {
            String name = annotation.value();
            if (name.isBlank()) {
                throw new IllegalStateException("@JmJob on " + method + " needs a name");
            }
            MethodJobHandler handler = new MethodJobHandler(beanFactory, beanName, method);
            add(found, name, new Entry(handler, handler.toString()));
        });
    }

    private static void add(Map<String, Entry> found, String name, Entry entry) {
        Entry previous = found.putIfAbsent(name, entry);
        if (previous != null) {
            throw new IllegalStateException("Two jm-job handlers are named '" + name + "': " + previous.source()
                    + " and " + entry.source() + "; give one of them another name");
        }
    }

    private record Entry(JobHandler handler, String source) {}
}
