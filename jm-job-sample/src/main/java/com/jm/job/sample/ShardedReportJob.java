package com.jm.job.sample;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A sharded job: a task with N shards and bean name {@code shardedReport} has N runs per fire,
 * spread over the group's nodes. Each run reports on its own slice of the ids {@value #FIRST_ID}
 * to {@value #LAST_ID} (standing in for the rows of a table), those with {@code id % shardTotal ==
 * shardIndex}, so the fire's runs together cover every id exactly once. An ordinary run (shard 0
 * of 1) covers them all.
 */
@Component("shardedReport")
public class ShardedReportJob implements JobHandler {

    static final int FIRST_ID = 1;
    static final int LAST_ID = 20;
    private static final Logger log = LoggerFactory.getLogger(ShardedReportJob.class);

    @Override
    public JobResult execute(JobContext context) {
        int index = context.shardIndex();
        int total = context.shardTotal();
        List<Integer> ids = idsOfShard(index, total);
        // Stands in for reporting on each of these rows.
        log.info(
                "shardedReport shard {} of {} (shard param: {}) reported on {} ids: {}",
                index,
                total,
                context.shardParam(),
                ids.size(),
                ids);
        return JobResult.success("shard " + index + " of " + total + " (shard param: " + context.shardParam()
                + ") reported on ids " + ids);
    }

    /** The ids shard {@code index} of {@code total} reports on. */
    static List<Integer> idsOfShard(int index, int total) {
        return IntStream.rangeClosed(FIRST_ID, LAST_ID)
                .filter(id -> id % total == index)
                .boxed()
                .toList();
    }
}
