package com.jm.job.master.index;

import com.jm.job.master.dispatch.NodeDirectory;
import com.jm.job.master.dispatch.PendingSignals;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Where the pending index and the master events live: {@code jm.job.master.index=memory} (the
 * default: one master, no Redis) or {@code redis} (several masters sharing one Redis).
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

    @Bean
    GuardedPendingIndex guardedPendingIndex(PendingIndex index) {
        return new GuardedPendingIndex(index);
    }

    @Bean
    PendingIndexHealthIndicator pendingIndexHealthIndicator(GuardedPendingIndex index) {
        return new PendingIndexHealthIndicator(index);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jm.job.master.index", havingValue = "memory", matchIfMissing = true)
    static class InMemory {

        @Bean
        PendingIndex pendingIndex() {
            return new InMemoryPendingIndex();
        }

        @Bean
        MasterEvents masterEvents(PendingSignals signals, NodeDirectory directory) {
            return new LocalMasterEvents(signals, directory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jm.job.master.index", havingValue = "redis")
    static class Redis {

        @Bean
        PendingIndex pendingIndex(StringRedisTemplate redis) {
            return new RedisPendingIndex(redis);
        }

        @Bean
        RedisMasterEvents masterEvents(StringRedisTemplate redis, PendingSignals signals, NodeDirectory directory) {
            return new RedisMasterEvents(redis, new LocalMasterEvents(signals, directory));
        }

        /**
         * While Redis is unreachable, fail commands at once instead of queueing them until the
         * command time-out: the master then dispatches from the database without stalling polls.
         */
        @Bean
        LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        /** Subscribes to the events of every master; re-subscribes by itself after Redis comes back. */
        @Bean
        RedisMessageListenerContainer masterEventsListener(RedisConnectionFactory factory, RedisMasterEvents events) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.PENDING_CHANNEL));
            container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.NODE_CHANNEL));
            return container;
        }
    }
}
