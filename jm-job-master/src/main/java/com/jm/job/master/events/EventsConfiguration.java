package com.jm.job.master.events;

import com.jm.job.master.config.JmJobMasterProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * How masters tell each other what changed: in this process with {@code jm.job.master.index=memory}
 * (the default: one master), over Redis pub/sub with {@code redis} (several masters).
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jm.job.master.index", havingValue = "memory", matchIfMissing = true)
    static class InMemory {

        @Bean
        MasterEvents masterEvents(PendingSignals signals, List<NodeChangeListener> nodeListeners) {
            return new LocalMasterEvents(signals, nodeListeners);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jm.job.master.index", havingValue = "redis")
    static class Redis {

        @Bean
        RedisMasterEvents masterEvents(
                StringRedisTemplate redis, PendingSignals signals, List<NodeChangeListener> nodeListeners) {
            return new RedisMasterEvents(redis, new LocalMasterEvents(signals, nodeListeners));
        }

        /**
         * Receives the events of every master. Not started with the context: a Redis that refuses
         * at start would fail the application, so {@link RedisEventsSubscription} starts it and
         * tries again until Redis answers.
         */
        @Bean
        RedisMessageListenerContainer masterEventsListener(RedisConnectionFactory factory, RedisMasterEvents events) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            container.setAutoStartup(false);
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.PENDING_CHANNEL));
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.NODE_CHANNEL));
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.GROUP_CHANNEL));
            return container;
        }

        @Bean
        RedisEventsSubscription masterEventsSubscription(
                RedisMessageListenerContainer masterEventsListener, JmJobMasterProperties properties) {
            return new RedisEventsSubscription(masterEventsListener, properties.getIndexCheckInterval());
        }
    }
}
