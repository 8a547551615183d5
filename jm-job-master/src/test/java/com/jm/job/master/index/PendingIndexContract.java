package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        index.put(1, 30, 0, T0.plusSeconds(3));
        index.put(1, 10, 0, T0.plusSeconds(1));
        index.put(1, 20, 0, T0.plusSeconds(2));
        index.put(2, 99, 0, T0);

        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).containsExactly(10L, 20L);
        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).isEmpty();
        assertThat(index.nextDue(1)).isEqualTo(T0.plusSeconds(3));
        assertThat(index.takeDue(2, T0, 10)).containsExactly(99L);
        assertThat(index.nextDue(2)).isNull();
    }

    @Test
    void putMovesATaskAndRemoveTakesItOut() {
        PendingIndex index = index();
        index.put(1, 10, 0, T0.plusSeconds(60));
        index.put(1, 10, 0, T0);
        index.put(1, 11, 0, T0);
        index.remove(1, 11);

        assertThat(index.takeDue(1, T0, 10)).containsExactly(10L);
    }

    @Test
    void takeRespectsTheLimit() {
        PendingIndex index = index();
        index.putAll(
                1,
                List.of(
                        new PendingIndex.Entry(1, 0, T0),
                        new PendingIndex.Entry(2, 0, T0.plusMillis(1)),
                        new PendingIndex.Entry(3, 0, T0.plusMillis(2)),
                        new PendingIndex.Entry(4, 9, T0.plusMillis(4)),
                        new PendingIndex.Entry(5, 1, T0.plusMillis(3))));

        assertThat(index.takeDue(1, T0.plusSeconds(1), 2))
                .as("the rebuild keeps each task's priority")
                .containsExactly(4L, 5L);
        assertThat(index.takeDue(1, T0.plusSeconds(1), 2)).containsExactly(1L, 2L);
        assertThat(index.takeDue(1, T0.plusSeconds(1), 2)).containsExactly(3L);
    }

    @Test
    void concurrentTakersNeverGetTheSameTask() throws Exception {
        PendingIndex index = index();
        for (long id = 1; id <= 500; id++) {
            index.put(5, id, 0, T0);
        }

        List<Long> taken =
                takeConcurrently(index, 5, T0, 7).stream().flatMap(List::stream).toList();

        assertThat(taken).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void takesTheHighestPriorityFirstThenByDueTime() {
        PendingIndex index = index();
        index.put(1, 1, 0, T0);
        index.put(1, 2, 9, T0.plusSeconds(2));
        index.put(1, 3, 5, T0.plusSeconds(1));
        index.put(1, 4, 9, T0.plusSeconds(1));
        index.put(1, 5, 5, T0);
        index.put(1, 6, 0, T0.minusSeconds(5));

        assertThat(index.takeDue(1, T0.plusSeconds(2), 3)).containsExactly(4L, 2L, 5L);
        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).containsExactly(3L, 6L, 1L);
    }

    @Test
    void aHigherPriorityTaskNotYetDueHoldsNothingBack() {
        PendingIndex index = index();
        index.put(1, 1, 9, T0.plusSeconds(60));
        index.put(1, 2, 3, T0.plusSeconds(30));
        index.put(1, 3, 0, T0);

        assertThat(index.takeDue(1, T0, 10)).containsExactly(3L);
        assertThat(index.nextDue(1))
                .as("the earliest due time whatever the priority")
                .isEqualTo(T0.plusSeconds(30));
        assertThat(index.takeDue(1, T0.plusSeconds(60), 10)).containsExactly(1L, 2L);
        assertThat(index.nextDue(1)).isNull();
    }

    @Test
    void putMovesATaskToAnotherPriorityAndRemoveFindsItThere() {
        PendingIndex index = index();
        index.put(1, 1, 0, T0);
        index.put(1, 2, 0, T0.plusSeconds(1));
        index.put(1, 2, 7, T0.plusSeconds(1));
        index.put(1, 3, 4, T0);
        index.put(1, 3, 0, T0.plusSeconds(2));
        index.put(1, 4, 8, T0);
        index.remove(1, 4);

        assertThat(index.takeDue(1, T0.plusSeconds(2), 10)).containsExactly(2L, 1L, 3L);
        assertThat(index.takeDue(1, T0.plusSeconds(2), 10))
                .as("each task once, at its last priority")
                .isEmpty();
    }

    @Test
    void concurrentTakersOfMixedPrioritiesEachGetTheBestThatIsLeft() throws Exception {
        PendingIndex index = index();
        for (long id = 1; id <= 400; id++) {
            index.put(6, id, (int) (id % 10), T0.plusMillis(id));
        }
        List<List<Long>> batches = takeConcurrently(index, 6, T0.plusSeconds(1), 9);

        List<Long> all = batches.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(400).doesNotHaveDuplicates();
        for (List<Long> batch : batches) {
            assertThat(batch)
                    .as("within a take, priority descending, then due order")
                    .isSortedAccordingTo(
                            (a, b) -> a % 10 != b % 10 ? Long.compare(b % 10, a % 10) : Long.compare(a, b));
        }
    }

    /** Eight threads take batches of {@code limit} until the group has nothing due; every batch taken. */
    private static List<List<Long>> takeConcurrently(PendingIndex index, long groupId, Instant now, int limit)
            throws Exception {
        ConcurrentLinkedQueue<List<Long>> batches = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> takers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            takers.add(pool.submit(() -> {
                List<Long> batch;
                while (!(batch = index.takeDue(groupId, now, limit)).isEmpty()) {
                    batches.add(batch);
                }
            }));
        }
        for (Future<?> f : takers) {
            f.get();
        }
        pool.shutdown();
        return new ArrayList<>(batches);
    }

    @Test
    void takesFromEveryLaneOfAGroupInOneCallAndNamesItsTagLanes() {
        PendingIndex index = index();
        Lane own = Lane.group(5);
        Lane node = Lane.of(5, 71L, null);
        Lane tagged = Lane.of(5, null, Tags.stored(List.of("gpu")));
        index.put(own, 1, 0, T0.plusMillis(3));
        index.put(node, 2, 0, T0.plusMillis(1));
        index.putAll(tagged, List.of(new PendingIndex.Entry(3, 2, T0.plusMillis(2))));
        index.put(tagged, 4, 0, T0.plusSeconds(60));
        index.put(Lane.of(6, null, Tags.stored(List.of("ssd"))), 5, 0, T0);

        assertThat(index.tagLanes(5)).containsExactly(Tags.stored(List.of("gpu")));
        assertThat(index.nextDue(List.of(own, node, tagged))).isEqualTo(T0.plusMillis(1));
        assertThat(index.takeDue(List.of(own, node, tagged), T0.plusSeconds(1), 10))
                .as("the highest priority first, then lane by lane")
                .containsExactly(3L, 1L, 2L);
        assertThat(index.nextDue(List.of(own, node, tagged))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void builtMarkerSaysWhetherARebuildIsNeeded() {
        PendingIndex index = index();
        assertThat(index.isBuilt()).isFalse();
        index.markBuilt();
        assertThat(index.isBuilt()).isTrue();
    }
}
