package com.jm.job.sample;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.node.JmJobNode;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A broadcast job: a task in broadcast mode with bean name {@code cacheRefresh} runs it once on
 * every online node of its group at each fire, the way to refresh a cache each node holds for
 * itself. It says which of the fire's nodes it is: part {@code shardIndex + 1} of {@code
 * shardTotal}.
 */
@Component("cacheRefresh")
public class CacheRefreshJob implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(CacheRefreshJob.class);

    private final Supplier<String> instance;
    private final AtomicLong refreshes = new AtomicLong();

    /**
     * @param node this app's node, asked for its name at each run: a provider, because the node is
     *     built from the handlers and because it is absent when the starter is switched off (the
     *     job never runs then)
     */
    @Autowired
    public CacheRefreshJob(ObjectProvider<JmJobNode> node) {
        this(() -> node.getObject().instance());
    }

    /** @param instance names the node the job runs on */
    CacheRefreshJob(Supplier<String> instance) {
        this.instance = instance;
    }

    @Override
    public JobResult execute(JobContext context) {
        String where = instance.get() + ", part " + (context.shardIndex() + 1) + " of " + context.shardTotal();
        log.info("Refreshing cache on {}", where);
        // Stands in for reloading this node's cache.
        long count = refreshes.incrementAndGet();
        return JobResult.success("refreshed cache on " + where + " (refresh " + count + " on this node)");
    }
}
