package com.jm.job.master.e2e;

import com.jm.job.client.autoconfigure.JmJobClientAutoConfiguration;
import com.jm.job.master.support.TestSecurity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker application with the jm-job starter, as a user would build one: its own Spring context,
 * no web server, handler beans given by the test.
 */
final class NodeInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private NodeInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static NodeInstance start(
            String masterUrl, String group, String instance, Map<String, Object> handlers, String... extraProperties) {
        List<String> defaults = List.of(
                "jm.job.client.enabled=true",
                "jm.job.client.token=" + TestSecurity.NODE_TOKEN,
                "jm.job.client.master-url=" + masterUrl,
                "jm.job.client.group=" + group,
                "jm.job.client.instance=" + instance,
                "jm.job.client.worker-threads=4",
                "jm.job.client.poll-wait=5s",
                "jm.job.client.heartbeat-interval=1s",
                "jm.job.client.backoff.initial=100ms",
                "jm.job.client.backoff.max=500ms",
                "spring.main.banner-mode=off");
        // By key, so a test's value replaces a default: a property given twice as an argument would
        // be bound as both values joined by a comma.
        Map<String, String> properties = new LinkedHashMap<>();
        Stream.concat(defaults.stream(), Stream.of(extraProperties)).forEach(p -> {
            int eq = p.indexOf('=');
            properties.put(p.substring(0, eq), p.substring(eq + 1));
        });
        // As arguments, so they win over the test configuration files (builder properties would not).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NodeApp.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> handlers.forEach(ctx.getBeanFactory()::registerSingleton))
                .run(properties.entrySet().stream()
                        .map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new));
        return new NodeInstance(context);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Only the starter: no master beans, no database, no web server. */
    @SpringBootConfiguration
    @ImportAutoConfiguration(JmJobClientAutoConfiguration.class)
    static class NodeApp {}
}
