package com.jm.job.master.index;

import com.jm.job.master.config.JmJobMasterProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
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
         * Lettuce waits up to 30 s between reconnect attempts by default, so a master would run
         * from the database that long after Redis (or a failed-over primary) is back. Attempts
         * still back off, but never further apart than one index check.
         */
        @Bean
        ClientResourcesBuilderCustomizer reconnectWithinOneIndexCheck(JmJobMasterProperties properties) {
            Duration cap = properties.getIndexCheckInterval();
            return resources ->
                    resources.reconnectDelay(() -> Delay.exponential(Duration.ZERO, cap, 2, TimeUnit.MILLISECONDS));
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
