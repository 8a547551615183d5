package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.Tags;
import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestRedis;
import io.lettuce.core.cluster.SlotHash;
import java.util.List;
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
        index.put(1, 10, 0, T0);
        index.markBuilt();

        redis.flushDb();

        assertThat(index.isBuilt()).isFalse();
        assertThat(index.nextDue(1)).isNull();
    }

    @Test
    void entriesAreSortedSetsAnOperatorCanRead() {
        index().put(7, 42, 0, T0);
        index().put(7, 43, 3, T0);

        assertThat(redis.template().opsForZSet().score("jmjob:pending:{7}", "42"))
                .as("priority 0: the due time, as before priorities")
                .isEqualTo((double) T0.toEpochMilli());
        assertThat(redis.template().opsForZSet().score("jmjob:pending:{7}", "43"))
                .as("priority 3: the due time, three bands down")
                .isEqualTo((double) (T0.toEpochMilli() - 3 * RedisPendingIndex.BAND));
    }

    @Test
    void entriesWrittenBeforePrioritiesAreTakenAsPriorityZero() {
        redis.template().opsForZSet().add("jmjob:pending:{8}", "1", (double) T0.toEpochMilli());
        PendingIndex index = index();
        index.put(8, 2, 1, T0.plusSeconds(1));
        index.put(8, 3, 0, T0.minusSeconds(1));

        assertThat(index.nextDue(8)).isEqualTo(T0.minusSeconds(1));
        assertThat(index.takeDue(8, T0.plusSeconds(1), 10)).containsExactly(2L, 3L, 1L);
    }

    /**
     * What lets the scripts run on Redis Cluster: every key of a group (each kind of lane, and the
     * set naming its tag lanes) hashes to the group's slot, by the client's own slot function.
     */
    @Test
    void everyKeyOfAGroupIsInTheGroupsSlot() {
        for (long group : List.of(1L, 2L, 17L, 123456789L)) {
            int slot = SlotHash.getSlot(RedisPendingIndex.key(group));
            assertThat(List.of(
                            RedisPendingIndex.key(Lane.of(group, 42L, null)),
                            RedisPendingIndex.key(Lane.of(group, null, Tags.stored(List.of("gpu", "ssd")))),
                            RedisPendingIndex.tagLanesKey(group)))
                    .allSatisfy(key -> assertThat(SlotHash.getSlot(key)).as(key).isEqualTo(slot));
            assertThat(slot).isEqualTo(SlotHash.getSlot("{" + group + "}"));
        }
    }
}
