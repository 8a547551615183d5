package com.jm.job.master.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Retry, disable and enable racing on one task from many threads. Every call either wins (and its
 * answer shows its own effect) or loses with a conflict; no change is lost or applied twice, so
 * the versions the winners saw are exactly 1..final version, and the row ends as the last winner
 * left it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TaskStateRaceTest extends MariaDbTest {

    private static final int THREADS = 12;
    private static final int CALLS_PER_THREAD = 40;

    @Autowired
    TaskService service;

    @Autowired
    TaskMapper tasks;

    @Autowired
    GroupMapper groups;

    enum Op {
        RETRY,
        DISABLE,
        ENABLE
    }

    record Outcome(Op op, TaskRecord answer, boolean conflict) {}

    @Test
    void concurrentStateChangesLeaveAConsistentRow() throws Exception {
        clean();
        long id = Fixtures.pendingTask(tasks, Fixtures.group(groups).getId(), "raced")
                .getId();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    Op op = Op.values()[ThreadLocalRandom.current().nextInt(Op.values().length)];
                    outcomes.add(call(op, id));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(outcomes).hasSize(THREADS * CALLS_PER_THREAD);
        for (Outcome o : outcomes) {
            if (o.conflict()) {
                assertThat(o.op())
                        .as("only a retry of a disabled task may be refused")
                        .isEqualTo(Op.RETRY);
                continue;
            }
            switch (o.op()) {
                case RETRY ->
                    assertThat(o.answer())
                            .extracting(
                                    TaskRecord::isDisable, r -> r.getStatus().name())
                            .containsExactly(false, "PENDING");
                case DISABLE -> assertThat(o.answer().isDisable()).isTrue();
                case ENABLE -> assertThat(o.answer().isDisable()).isFalse();
            }
        }
        TaskRecord finalRow = tasks.findById(id);
        Set<Long> seen = outcomes.stream()
                .filter(o -> !o.conflict())
                .map(o -> o.answer().getVersion())
                .filter(v -> v > 0)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen)
                .as("every version a change produced was answered to exactly that change")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, finalRow.getVersion()).boxed().toList());
        long retries = outcomes.stream()
                .filter(o -> o.op() == Op.RETRY && !o.conflict())
                .map(o -> o.answer().getVersion())
                .distinct()
                .count();
        assertThat(retries)
                .as("each successful retry produced its own version")
                .isEqualTo(outcomes.stream()
                        .filter(o -> o.op() == Op.RETRY && !o.conflict())
                        .count());
        TaskRecord last = outcomes.stream()
                .filter(o -> !o.conflict() && o.answer().getVersion() == finalRow.getVersion())
                .findFirst()
                .orElseThrow()
                .answer();
        assertThat(finalRow.isDisable()).isEqualTo(last.isDisable());
        assertThat(finalRow.getStatus()).isEqualTo(last.getStatus());
    }

    private Outcome call(Op op, long id) {
        try {
            TaskRecord answer =
                    switch (op) {
                        case RETRY -> service.retry(id);
                        case DISABLE -> service.disable(id);
                        case ENABLE -> service.enable(id);
                    };
            return new Outcome(op, answer, false);
        } catch (ConflictException e) {
            return new Outcome(op, null, true);
        }
    }
}
