package com.jm.job.master.index;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * Tells the index when a connection of the Redis client broke and is being made again. A
 * reconnect may land on another server than before, with no command failing: through Sentinel,
 * after a failover, on the promoted replica (which may lack the last writes: replication is
 * asynchronous, and the old primary kept taking writes until the sentinel demoted it); in a
 * Cluster, on a primary that restarted empty. So every reconnect makes the reconcile loop rebuild
 * the index; the database is the truth. Lettuce re-subscribes the masters' events by itself.
 */
class RedisReconnects implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisReconnects.class);

    private final ClientResources resources;
    private final GuardedPendingIndex index;
    private Disposable subscription;

    RedisReconnects(ClientResources resources, GuardedPendingIndex index) {
        this.resources = resources;
        this.index = index;
    }

    @Override
    public synchronized void start() {
        subscription = resources
                .eventBus()
                .get()
                .filter(ReconnectAttemptEvent.class::isInstance)
                .subscribe(event -> {
                    log.debug("Redis reconnecting ({}); the pending index will be rebuilt", event);
                    index.reconnecting();
                });
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return subscription != null;
    }
}
