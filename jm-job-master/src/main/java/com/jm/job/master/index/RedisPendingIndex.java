package com.jm.job.master.index;

import com.jm.job.master.domain.TaskPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The pending index in Redis, shared by every master: one sorted set per lane of a group ({@code
 * jmjob:pending:{<groupId>}} for the group's own, with {@code :n<nodeId>} or {@code :t<tags>} after
 * it for a node's or some tags' lane), members task ids. The group in braces is the key's hash tag:
 * all of a group's lanes live in one Redis Cluster slot, so one script can take from all of them. A task's score is its due time in epoch
 * milliseconds minus its priority times {@link #BAND} (2^48 ms, about 8,900 years): each priority
 * has its own band of scores, higher priorities lower, and within a band the order is the due
 * order. So a priority-0 task's score is its due time, as before priorities existed (existing
 * entries keep working), a task changes priority or due time with one {@code ZADD}, and the group
 * stays one slot (which the Lua scripts need). Scores stay below 2^53 in magnitude, where doubles
 * are exact. A set per group names its tag lanes. A marker key says the index was built; a flush or
 * a restart of Redis removes it, and the reconcile loop rebuilds the index from the database (the
 * marker's name changed with the key layout, so an upgraded master rebuilds at once).
 */
public class RedisPendingIndex implements PendingIndex {

    static final String KEY_PREFIX = "jmjob:pending:";
    static final String BUILT_KEY = "jmjob:pending-built:lanes";
    /** Width of one priority's band of scores; every due time up to year 9999 fits in one. */
    static final long BAND = 1L << 48;

    /**
     * Take-due must be atomic, or two masters would pop the same ids: one Lua script reads the
     * bands from the highest priority down, each in every lane (KEYS), (ARGV: the limit, then per
     * band the lowest score and the score of "due now") and removes what it returns.
     */
    private static final RedisScript<List> TAKE_DUE = RedisScript.of(
            """
            local taken = {}
            local remaining = tonumber(ARGV[1])
            for i = 2, #ARGV, 2 do
              for _, key in ipairs(KEYS) do
                if remaining <= 0 then return taken end
                local ids = redis.call('ZRANGEBYSCORE', key, ARGV[i], ARGV[i + 1], 'LIMIT', 0, remaining)
                if #ids > 0 then
                  redis.call('ZREM', key, unpack(ids))
                  for _, id in ipairs(ids) do taken[#taken + 1] = id end
                  remaining = remaining - #ids
                end
              end
            end
            return taken
            """,
            List.class);

    /** The first score of every non-empty band of every lane (ARGV: per band its lowest and highest score). */
    private static final RedisScript<List> FIRST_OF_BANDS = RedisScript.of(
            """
            local firsts = {}
            for _, key in ipairs(KEYS) do
              for i = 1, #ARGV, 2 do
                local first = redis.call('ZRANGEBYSCORE', key, ARGV[i], ARGV[i + 1], 'WITHSCORES', 'LIMIT', 0, 1)
                if #first > 0 then firsts[#firsts + 1] = first[2] end
              end
            end
            return firsts
            """,
            List.class);

    private final StringRedisTemplate redis;

    public RedisPendingIndex(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void put(Lane lane, long taskId, int priority, Instant due) {
        noteTagLane(lane);
        redis.opsForZSet().add(key(lane), Long.toString(taskId), score(priority, due));
    }

    @Override
    public void putAll(Lane lane, Collection<Entry> entries) {
        noteTagLane(lane);
        Set<TypedTuple<String>> tuples = entries.stream()
                .map(e -> TypedTuple.of(Long.toString(e.taskId()), score(e.priority(), e.due())))
                .collect(Collectors.toSet());
        redis.opsForZSet().add(key(lane), tuples);
    }

    @Override
    public void remove(Lane lane, long taskId) {
        redis.opsForZSet().remove(key(lane), Long.toString(taskId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> takeDue(List<Lane> lanes, Instant now, int limit) {
        long nowMillis = dueMillis(now);
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(limit));
        for (int p = TaskPriority.MAX; p >= TaskPriority.MIN; p--) {
            args.add(Long.toString(-p * BAND));
            args.add(Long.toString(-p * BAND + nowMillis));
        }
        List<Object> ids = redis.execute(TAKE_DUE, keys(lanes), args.toArray());
        return ids == null
                ? List.of()
                : ids.stream().map(id -> Long.valueOf(id.toString())).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Instant nextDue(List<Lane> lanes) {
        List<String> args = new ArrayList<>();
        for (int p = TaskPriority.MAX; p >= TaskPriority.MIN; p--) {
            args.add(Long.toString(-p * BAND));
            args.add(Long.toString(-p * BAND + BAND - 1));
        }
        List<Object> firsts = redis.execute(FIRST_OF_BANDS, keys(lanes), args.toArray());
        if (firsts == null || firsts.isEmpty()) {
            return null;
        }
        return firsts.stream()
                .map(score -> Math.floorMod((long) Double.parseDouble(score.toString()), BAND))
                .min(Long::compare)
                .map(Instant::ofEpochMilli)
                .orElse(null);
    }

    @Override
    public Set<String> tagLanes(long groupId) {
        Set<String> tags = redis.opsForSet().members(tagLanesKey(groupId));
        return tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** A tag lane is named in the group's set before its first entry, so no poll overlooks it. */
    private void noteTagLane(Lane lane) {
        if (lane.tags() != null) {
            redis.opsForSet().add(tagLanesKey(lane.groupId()), lane.tags());
        }
    }

    @Override
    public boolean isBuilt() {
        return Boolean.TRUE.equals(redis.hasKey(BUILT_KEY));
    }

    @Override
    public void markBuilt() {
        redis.opsForValue().set(BUILT_KEY, "1");
    }

    static String key(long groupId) {
        return key(Lane.group(groupId));
    }

    static String key(Lane lane) {
        return KEY_PREFIX + "{" + lane.groupId() + "}" + lane.suffix();
    }

    static String tagLanesKey(long groupId) {
        return KEY_PREFIX + "{" + groupId + "}:lanes";
    }

    private static List<String> keys(List<Lane> lanes) {
        return lanes.stream().map(RedisPendingIndex::key).toList();
    }

    /** The score of a task: its band (by priority, clamped to 0–9), then its due time within it. */
    static double score(int priority, Instant due) {
        int band = Math.max(TaskPriority.MIN, Math.min(TaskPriority.MAX, priority));
        return (double) (dueMillis(due) - band * BAND);
    }

    /** A due time within one band: before 1970 counts as 1970 (long due either way). */
    private static long dueMillis(Instant due) {
        return Math.min(Math.max(due.toEpochMilli(), 0), BAND - 1);
    }
}
