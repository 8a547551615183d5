package com.jm.job.client.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeLoopTest {

    private final DyingLoop loop = new DyingLoop();

    @AfterEach
    void stop() {
        loop.stop(Duration.ofSeconds(1));
    }

    @Test
    void aLoopWhoseThreadDiesOfAnErrorIsRestartedOnAFreshThreadOfTheSameName() {
        loop.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> loop.iterations.get() >= 3);

        assertThat(loop.restarts()).isEqualTo(1);
        assertThat(loop.isAlive()).isTrue();
        assertThat(loop.threads)
                .allSatisfy(thread -> assertThat(thread.getName()).isEqualTo("jm-job-test-loop"));
        Thread first = loop.threads.get(0);
        Thread last = loop.threads.get(loop.threads.size() - 1);
        assertThat(last).isNotSameAs(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isAlive());
    }

    @Test
    void aStoppedLoopIsNotAlive() {
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.iterations.get() >= 2);

        loop.stop(Duration.ofSeconds(1));

        assertThat(loop.isAlive()).isFalse();
        assertThat(loop.isRunning()).isFalse();
    }

    /** Dies of an Error in its first iteration, then runs quietly, remembering each thread it ran on. */
    private static final class DyingLoop extends NodeLoop {

        final AtomicInteger iterations = new AtomicInteger();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        DyingLoop() {
            super("jm-job-test-loop");
        }

        @Override
        protected void runOnce() throws InterruptedException {
            threads.add(Thread.currentThread());
            if (iterations.incrementAndGet() == 1) {
                throw new StackOverflowError("a loop dying of an Error");
            }
            pause(Duration.ofMillis(10));
        }
    }
}
