package com.jm.job.master.events;

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

        /** Subscribes to the events of every master; re-subscribes by itself after Redis comes back. */
        @Bean
        RedisMessageListenerContainer masterEventsListener(RedisConnectionFactory factory, RedisMasterEvents events) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.PENDING_CHANNEL));
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.NODE_CHANNEL));
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.GROUP_CHANNEL));
            return container;
        }
    }
}
