package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every pending index must do; each implementation's test runs these. */
abstract class PendingIndexContract {

    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    abstract PendingIndex index();

    @Test
    void takesDueTasksInDueOrderAndLeavesTheRest() {
        PendingIndex index = index();
        index.put(1, 30, T0.plusSeconds(3));
        index.put(1, 10, T0.plusSeconds(1));
        index.put(1, 20, T0.plusSeconds(2));
        index.put(2, 99, T0);

        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).containsExactly(10L, 20L);
        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).isEmpty();
        assertThat(index.nextDue(1)).isEqualTo(T0.plusSeconds(3));
        assertThat(index.takeDue(2, T0, 10)).containsExactly(99L);
        assertThat(index.nextDue(2)).isNull();
    }

    @Test
    void putMovesATaskAndRemoveTakesItOut() {
        PendingIndex index = index();
        index.put(1, 10, T0.plusSeconds(60));
        index.put(1, 10, T0);
        index.put(1, 11, T0);
        index.remove(1, 11);

        assertThat(index.takeDue(1, T0, 10)).containsExactly(10L);
    }

    @Test
    void takeRespectsTheLimit() {
        PendingIndex index = index();
        index.putAll(1, Map.of(1L, T0, 2L, T0.plusMillis(1), 3L, T0.plusMillis(2)));

        assertThat(index.takeDue(1, T0.plusSeconds(1), 2)).containsExactly(1L, 2L);
        assertThat(index.takeDue(1, T0.plusSeconds(1), 2)).containsExactly(3L);
    }

    @Test
    void concurrentTakersNeverGetTheSameTask() throws Exception {
        PendingIndex index = index();
        for (long id = 1; id <= 500; id++) {
            index.put(5, id, T0);
        }
        ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> takers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            takers.add(pool.submit(() -> {
                List<Long> batch;
                while (!(batch = index.takeDue(5, T0, 7)).isEmpty()) {
                    taken.addAll(batch);
                }
            }));
        }
        for (Future<?> f : takers) {
            f.get();
        }
        pool.shutdown();

        assertThat(taken).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void builtMarkerSaysWhetherARebuildIsNeeded() {
        PendingIndex index = index();
        assertThat(index.isBuilt()).isFalse();
        index.markBuilt();
        assertThat(index.isBuilt()).isTrue();
    }
}
