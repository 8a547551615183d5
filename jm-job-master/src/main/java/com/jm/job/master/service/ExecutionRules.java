package com.jm.job.master.service;

import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.InvalidFieldException;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of how a task's fires run, beyond what each field checks alone: shards only on a
 * {@link RunMode#SINGLE} task, one shard parameter per shard, shard parameters never beside
 * sensitive params (they are stored in clear), more than one concurrent fire only under {@link
 * OverlapPolicy#PARALLEL}. Fills the task's execution columns.
 */
@Component
class ExecutionRules {

    /** Upper bound of {@code shards}; each shard is a row while its fire runs. */
    static final int MAX_SHARDS = 10_000;

    private final JsonMapper json;

    ExecutionRules(JsonMapper json) {
        this.json = json;
    }

    void apply(TaskDefinition definition, TaskRecord task) {
        TaskDefinition.Execution e = definition.execution();
        if (e.mode() == RunMode.BROADCAST && e.shards() > 1) {
            throw new InvalidFieldException(
                    "shards",
                    "a BROADCAST task has one run per node; leave shards out (or 1), or use mode SINGLE to"
                            + " split a fire into " + e.shards() + " shards");
        }
        if (!e.shardParams().isEmpty()) {
            if (e.mode() == RunMode.BROADCAST) {
                throw new InvalidFieldException(
                        "shardParams", "a BROADCAST task has no shards; use params, or mode SINGLE with shards");
            }
            if (e.shardParams().size() != e.shards()) {
                throw new InvalidFieldException(
                        "shardParams",
                        "has " + e.shardParams().size() + " entries for " + e.shards()
                                + " shards; give one per shard index (0 to " + (e.shards() - 1) + ")");
            }
            if (definition.paramsSensitive()) {
                throw new InvalidFieldException(
                        "shardParams",
                        "shard parameters are stored in clear, so they cannot go with paramsSensitive; put"
                                + " what is secret into params");
            }
        }
        if (e.maxConcurrentFires() > 1 && e.overlap() != OverlapPolicy.PARALLEL) {
            throw new InvalidFieldException(
                    "maxConcurrentFires",
                    "more than one fire at once needs overlap PARALLEL (overlap is " + e.overlap() + ")");
        }
        if (e.maxConcurrentFires() > 1 && definition.cron() == null && definition.fixedRate() == null) {
            throw new InvalidFieldException(
                    "maxConcurrentFires",
                    "fires run side by side only on a cron or fixedRate schedule (a fixedDelay counts from the"
                            + " previous fire's end, a one-shot has one fire)");
        }
        task.setRunMode(e.mode());
        task.setShards(e.shards());
        task.setShardParams(e.shardParams().isEmpty() ? null : toJson(e.shardParams()));
        task.setTags(Tags.stored(e.tags()));
        task.setOverlapPolicy(e.overlap());
        task.setMaxConcurrentFires(e.maxConcurrentFires());
    }

    /** The shard parameters of a task, empty for none. */
    List<String> shardParams(TaskRecord task) {
        if (task.getShardParams() == null) {
            return List.of();
        }
        return List.of(json.readValue(task.getShardParams(), String[].class));
    }

    private String toJson(List<String> values) {
        return json.writeValueAsString(values);
    }
}
