package com.jm.job.master.index;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where the pending index lives: {@code jm.job.master.index=memory} (the default: one master, no
 * Redis) or {@code redis} (several masters sharing one Redis).
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
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jm.job.master.index", havingValue = "redis")
    static class Redis {

        @Bean
        PendingIndex pendingIndex(StringRedisTemplate redis) {
            return new RedisPendingIndex(redis);
        }

        @Bean
        RedisReconnects redisReconnects(ClientResources resources, GuardedPendingIndex index) {
            return new RedisReconnects(resources, index);
        }

        /**
         * While Redis is unreachable, fail commands at once instead of queueing them until the
         * command time-out: the master then dispatches from the database without stalling polls.
         */
        @Bean
        LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }
    }
}
