package com.jm.job.master.node;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.NodeMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Heartbeats of nodes that run nothing, written together: they only move {@code
 * last_heartbeat_at}, which decides whether a node counts as online ({@code node-offline-after},
 * 30 s), so a second's delay changes nothing, whereas one commit each (2,000 nodes at the
 * client's 10 s interval are 200 a second) was the master's largest database load with thousands
 * of idle nodes. Every {@code heartbeat-flush-interval} the nodes heard from since the last flush
 * are touched in one statement per 1,000. Heartbeats naming runs still write at once, since they
 * extend leases.
 */
@Component
public class IdleHeartbeats implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdleHeartbeats.class);
    private static final int CHUNK = 1_000;

    private final NodeMapper nodes;
    private final long intervalMillis;
    private final Set<Long> heard = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService flusher;

    public IdleHeartbeats(NodeMapper nodes, JmJobMasterProperties properties) {
        this.nodes = nodes;
        this.intervalMillis = properties.getHeartbeatFlushInterval().toMillis();
    }

    /** The node was heard from; its heartbeat time is written by the next flush. */
    public void heard(long nodeId) {
        heard.add(nodeId);
    }

    /** Writes the heartbeat times of the nodes heard from since the last flush. */
    public void flush() {
        List<Long> ids = new ArrayList<>();
        for (Iterator<Long> it = heard.iterator(); it.hasNext(); ) {
            ids.add(it.next());
            it.remove();
        }
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try {
                nodes.touchAll(chunk);
            } catch (RuntimeException e) {
                // Heard again at the next flush; a node's next heartbeat (10 s) comes well before
                // it could count as offline (30 s).
                heard.addAll(chunk);
                log.warn("Could not record {} idle heartbeats, trying again: {}", chunk.size(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jm-job-heartbeats");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flush, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        flusher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = flusher;
        flusher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        flush(); // the last ones heard, before the database goes
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }
}
