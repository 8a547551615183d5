package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.Tags;
import com.jm.job.master.support.RedisHa;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis index against the index contract on a Redis Cluster of three primaries: its scripts
 * take several lanes' keys at once, which a cluster refuses (CROSSSLOT) unless they share a slot.
 */
class RedisClusterPendingIndexTest extends PendingIndexContract {

    private RedisHa.ClusterCli cluster;

    @BeforeAll
    static void servers() {
        RedisHa.ensureRunning();
    }

    @BeforeEach
    void connect() {
        cluster = RedisHa.cluster();
        cluster.flushAll();
    }

    @AfterEach
    void disconnect() {
        cluster.close();
    }

    @Override
    PendingIndex index() {
        return new RedisPendingIndex(cluster.template());
    }

    /**
     * Groups land on every primary, and on each the scripts take from a group's three kinds of
     * lane in one call: proof that a group's keys share a slot wherever it lives.
     */
    @Test
    void everyPrimaryServesWholeGroups() {
        PendingIndex index = index();
        Set<String> primaries = new HashSet<>();
        for (long group = 1; group <= 12; group++) {
            primaries.add(cluster.primaryOf(RedisPendingIndex.key(group)));
            List<Lane> lanes = List.of(
                    Lane.group(group),
                    Lane.of(group, 100 + group, null),
                    Lane.of(group, null, Tags.stored(List.of("gpu"))));
            for (int i = 0; i < lanes.size(); i++) {
                index.put(lanes.get(i), group * 10 + i, 0, T0.plusMillis(i));
            }
            index.markBuilt();

            assertThat(index.tagLanes(group)).containsExactly(Tags.stored(List.of("gpu")));
            assertThat(index.nextDue(lanes)).isEqualTo(T0);
            assertThat(index.takeDue(lanes, T0.plusSeconds(1), 10))
                    .containsExactly(group * 10, group * 10 + 1, group * 10 + 2);
        }
        assertThat(primaries).as("the groups' primaries").hasSize(3);
        assertThat(index.isBuilt()).isTrue();
    }
}
