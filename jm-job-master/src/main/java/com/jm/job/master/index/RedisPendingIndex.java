package com.jm.job.master.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The pending index in Redis, shared by every master: one sorted set per group
 * ({@code jmjob:pending:<groupId>}), members task ids, scores due times in epoch milliseconds. A
 * marker key says the index was built; a flush or a restart of Redis removes it, and the reconcile
 * loop rebuilds the index from the database.
 */
public class RedisPendingIndex implements PendingIndex {

    static final String KEY_PREFIX = "jmjob:pending:";
    static final String BUILT_KEY = "jmjob:pending-built";

    /** Take-due must be atomic, or two masters would pop the same ids: one Lua script does both steps. */
    private static final RedisScript<List> TAKE_DUE = RedisScript.of(
            """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            if #ids > 0 then
              redis.call('ZREM', KEYS[1], unpack(ids))
            end
            return ids
            """,
            List.class);

    private final StringRedisTemplate redis;

    public RedisPendingIndex(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void put(long groupId, long taskId, Instant due) {
        redis.opsForZSet().add(key(groupId), Long.toString(taskId), due.toEpochMilli());
    }

    @Override
    public void putAll(long groupId, Map<Long, Instant> dueByTask) {
        Set<TypedTuple<String>> tuples = dueByTask.entrySet().stream()
                .map(e -> TypedTuple.of(
                        e.getKey().toString(), (double) e.getValue().toEpochMilli()))
                .collect(Collectors.toSet());
        redis.opsForZSet().add(key(groupId), tuples);
    }

    @Override
    public void remove(long groupId, long taskId) {
        redis.opsForZSet().remove(key(groupId), Long.toString(taskId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> takeDue(long groupId, Instant now, int limit) {
        List<Object> ids = redis.execute(
                TAKE_DUE, List.of(key(groupId)), Long.toString(now.toEpochMilli()), Integer.toString(limit));
        return ids == null
                ? List.of()
                : ids.stream().map(id -> Long.valueOf(id.toString())).toList();
    }

    @Override
    public Instant nextDue(long groupId) {
        Set<TypedTuple<String>> first = redis.opsForZSet().rangeWithScores(key(groupId), 0, 0);
        if (first == null || first.isEmpty()) {
            return null;
        }
        Double score = first.iterator().next().getScore();
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
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
        return KEY_PREFIX + groupId;
    }
}
