package com.jm.job.master.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes to the masters' events without making Redis a condition of starting: the listener
 * container would fail the whole application when Redis refuses at start, although the master
 * works without Redis (DEGRADED, from the database). So the container is started here, and tried
 * again every {@code retry} until it listens; from then on it recovers from lost connections by
 * itself.
 */
class RedisEventsSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisEventsSubscription.class);

    private final RedisMessageListenerContainer container;
    private final Duration retry;
    private ScheduledExecutorService executor;

    RedisEventsSubscription(RedisMessageListenerContainer container, Duration retry) {
        this.container = container;
        this.retry = retry;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jm-job-events");
            t.setDaemon(true);
            return t;
        });
        subscribe();
        executor.scheduleWithFixedDelay(this::subscribe, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        container.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Whether this master receives the other masters' events now. */
    boolean isListening() {
        return container.isListening();
    }

    private void subscribe() {
        if (container.isListening()) {
            return;
        }
        try {
            container.start();
            log.info("Subscribed to the masters' events on Redis");
        } catch (RuntimeException e) {
            // Reset, so the next try subscribes afresh; until then events from other masters are
            // missed, and held polls find that work at their next look (at the end of their wait).
            container.stop();
            log.warn("Cannot subscribe to the masters' events on Redis, trying again in {}: {}", retry, e.toString());
        }
    }
}
