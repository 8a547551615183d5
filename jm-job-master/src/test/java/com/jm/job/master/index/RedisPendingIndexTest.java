package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis index against the index contract, on a real Redis. */
class RedisPendingIndexTest extends PendingIndexContract {

    private RedisCli redis;

    @BeforeEach
    void connect() {
        redis = RedisCli.of(TestRedis.server());
        redis.flushDb();
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    PendingIndex index() {
        return new RedisPendingIndex(redis.template());
    }

    @Test
    void aFlushRemovesTheBuiltMarkerSoTheReconcilerRebuilds() {
        PendingIndex index = index();
        index.put(1, 10, T0);
        index.markBuilt();

        redis.flushDb();

        assertThat(index.isBuilt()).isFalse();
        assertThat(index.nextDue(1)).isNull();
    }

    @Test
    void entriesAreSortedSetsAnOperatorCanRead() {
        index().put(7, 42, T0);

        assertThat(redis.template().opsForZSet().score("jmjob:pending:7", "42")).isEqualTo((double) T0.toEpochMilli());
    }
}
