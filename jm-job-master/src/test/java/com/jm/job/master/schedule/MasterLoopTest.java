package com.jm.job.master.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.events.Signal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A master loop keeps running whatever its step throws, and says so truthfully. */
class MasterLoopTest {

    private final List<Thread> passes = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private MasterLoop loop;

    @AfterEach
    void stop() {
        loop.stop();
    }

    private MasterLoop loopThatFirstThrows(Throwable first) {
        Signal wake = new Signal();
        loop = new MasterLoop(
                "jm-job-test",
                () -> {
                    passes.add(Thread.currentThread());
                    if (calls.getAndIncrement() == 0) {
                        if (first instanceof Error error) {
                            throw error;
                        }
                        throw (Exception) first;
                    }
                    return Duration.ofMillis(10);
                },
                wake);
        return loop;
    }

    @Test
    void aStepFailingWithAnErrorIsRetriedOnTheSameThread() {
        loopThatFirstThrows(new AssertionError("broken invariant")).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> passes.size() >= 3);
        assertThat(passes).allMatch(t -> t == passes.get(0));
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aThreadKilledByAVirtualMachineErrorIsReplaced() {
        loopThatFirstThrows(new StackOverflowError("deep")).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> passes.size() >= 3);
        Thread first = passes.get(0);
        assertThat(passes.get(1)).isNotSameAs(first);
        assertThat(passes.get(1).getName()).isEqualTo("jm-job-test");
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aStoppedLoopSaysSoAndRunsNoMore() {
        loopThatFirstThrows(new IllegalStateException("once")).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.size() >= 2);

        loop.stop();

        assertThat(loop.isRunning()).isFalse();
        int after = passes.size();
        assertThat(passes.get(after - 1).isAlive()).isFalse();
    }
}
