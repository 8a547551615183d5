package com.jm.job.master.dispatch;

import com.jm.job.master.config.JmJobMasterProperties;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The few threads held polls share instead of one each: a timer that ends waits ({@code
 * jm-job-poll-timer}) and the pool that runs the looks of woken polls ({@code jm-job-poll-N}).
 * Stops just after {@code PendingSignals}, whose stop wakes every held poll to answer empty, so
 * those last looks still find a thread.
 */
@Component
class PollThreads implements SmartLifecycle {

    private final int threads;
    private volatile ThreadPoolExecutor looks;
    private volatile ScheduledThreadPoolExecutor timer;
    private volatile boolean running;

    PollThreads(JmJobMasterProperties properties) {
        this.threads = properties.getPollThreads();
        // Until started, both refuse work, as after a stop.
        this.looks = pool();
        this.timer = timer();
        looks.shutdown();
        timer.shutdown();
    }

    private ThreadPoolExecutor pool() {
        return new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("jm-job-poll-", true));
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named("jm-job-poll-timer", false));
        // A wait a signal ended leaves its timer cancelled; without this, each would stay queued
        // (holding its poll) until the wait's full length had passed.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs a woken poll's look; throws {@link java.util.concurrent.RejectedExecutionException} once stopped. */
    void look(Runnable look) {
        looks.execute(look);
    }

    /** Runs {@code wakeUp} (which must be quick) after {@code delay}. */
    ScheduledFuture<?> after(Duration delay, Runnable wakeUp) {
        return timer.schedule(wakeUp, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    /** New threads at each start: a context can be stopped and started again (tests pause cached ones). */
    @Override
    public void start() {
        looks = pool();
        timer = timer();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        shutDown(looks, Duration.ofSeconds(5));
    }

    private static void shutDown(ExecutorService executor, Duration patience) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
