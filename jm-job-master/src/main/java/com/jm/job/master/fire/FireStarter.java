package com.jm.job.master.fire;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.index.PendingIndex;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.ClaimCandidate;
import com.jm.job.master.store.FireMapper;
import com.jm.job.master.store.FireRun;
import com.jm.job.master.store.Unit;
import com.jm.job.master.store.UnitEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts a fire of several runs, in the transaction of the claim that locked its task: the fire's
 * record run, the task RUNNING without a node or lease, and one pending unit row per run (a shard,
 * or a broadcast node's part), queued in the index after commit. The units are then claimed like
 * any task, so each runs once under a lease of its own, and a failed one is retried alone.
 */
@Component
public class FireStarter {

    /** Unit rows per insert: small enough for any server's packet limit, few statements for 10,000. */
    static final int INSERT_CHUNK = 500;

    private final FireMapper fires;
    private final FireCompletion completion;
    private final PendingChanges changes;
    private final JsonMapper json;
    private final long offlineAfterMs;
    private final Schedules schedules;
    private final DatabaseClock databaseClock;
    private final Duration misfireThreshold;

    public FireStarter(
            FireMapper fires,
            FireCompletion completion,
            PendingChanges changes,
            JsonMapper json,
            Schedules schedules,
            DatabaseClock databaseClock,
            JmJobMasterProperties properties) {
        this.schedules = schedules;
        this.databaseClock = databaseClock;
        this.misfireThreshold = properties.getCronMisfireThreshold();
        this.fires = fires;
        this.completion = completion;
        this.changes = changes;
        this.json = json;
        this.offlineAfterMs = properties.getNodeOfflineAfter().toMillis();
    }

    /** Starts the fires of {@code tasks}, each locked by the caller and pending. */
    public void start(List<ClaimCandidate> tasks) {
        List<FireCompletion.Fire> withoutRuns = new ArrayList<>();
        for (ClaimCandidate task : tasks) {
            List<Unit> units = units(task);
            FireRun run = new FireRun();
            run.setTaskId(task.getId());
            run.setAttempt(task.getAttempt() + 1);
            run.setTrigger(task.getPendingCause());
            run.setParams(task.getFireParams());
            run.setParentRunId(task.getParentRunId());
            run.setScheduledAt(task.getNextFireTime());
            run.setShardTotal(units.size());
            fires.insertFireRun(run);
            for (int from = 0; from < units.size(); from += INSERT_CHUNK) {
                fires.insertUnits(
                        task,
                        run.getId(),
                        units.size(),
                        Batch.of(units.subList(from, Math.min(units.size(), from + INSERT_CHUNK))));
            }
            if (task.runsBeside() && fires.activeFires(task.getId()) < task.getMaxConcurrentFires()) {
                // Room for another fire beside this one: the task waits for its next slot at once.
                fires.detachFire(task.getId(), run.getId(), nextSlot(task));
                changes.scheduleChanged();
            } else {
                // One at a time, or the last fire that fits: the task runs until this fire ends.
                fires.startFire(task.getId(), run.getId());
            }
            if (units.isEmpty()) {
                withoutRuns.add(new FireCompletion.Fire(task.getId(), run.getId()));
            } else {
                queue(task);
            }
        }
        // A broadcast with no node to go to ends at once, as failed.
        completion.endFinished(withoutRuns);
    }

    /**
     * The slot after the one just fired; after a misfire (the slot is older than the threshold:
     * downtime, a paused group) the first one from now, so missed slots start one fire, not many.
     */
    private LocalDateTime nextSlot(ClaimCandidate task) {
        Instant now = databaseClock.now().toInstant(ZoneOffset.UTC);
        Instant slot = task.getNextFireTime().toInstant(ZoneOffset.UTC);
        boolean onTime = slot.isAfter(now.minus(misfireThreshold));
        return schedules.nextSlot(task.recurrence(), onTime ? slot : now);
    }

    private List<Unit> units(ClaimCandidate task) {
        List<Unit> units = new ArrayList<>();
        if (task.getRunMode() == RunMode.BROADCAST) {
            List<String> marks =
                    Tags.list(task.getTags()).stream().map(t -> "," + t + ",").toList();
            List<Long> nodes = fires.broadcastNodes(task.getGroupId(), marks, offlineAfterMs);
            for (int i = 0; i < nodes.size(); i++) {
                units.add(new Unit(i, null, nodes.get(i), null));
            }
            return units;
        }
        List<String> params = shardParams(task.getId());
        for (int i = 0; i < task.getShards(); i++) {
            units.add(new Unit(i, i < params.size() ? params.get(i) : null, null, task.getTags()));
        }
        return units;
    }

    private List<String> shardParams(long taskId) {
        String stored = fires.shardParams(taskId);
        return stored == null ? List.of() : List.of(json.readValue(stored, String[].class));
    }

    /** After commit, the units go into the index lanes they are claimed from, due at once. */
    private void queue(ClaimCandidate task) {
        Map<Lane, List<PendingIndex.Entry>> byLane = new LinkedHashMap<>();
        for (UnitEntry unit : fires.unitsOf(task.getId())) {
            byLane.computeIfAbsent(
                            Lane.of(task.getGroupId(), unit.getTargetNodeId(), unit.getTags()), l -> new ArrayList<>())
                    .add(new PendingIndex.Entry(
                            unit.getId(),
                            task.getPriority(),
                            task.getNextFireTime().toInstant(ZoneOffset.UTC)));
        }
        changes.pendingAll(task.getGroupId(), byLane);
    }
}
