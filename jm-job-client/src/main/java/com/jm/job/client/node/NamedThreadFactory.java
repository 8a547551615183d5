package com.jm.job.client.node;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads named {@code prefix1}, {@code prefix2}, …, so that thread dumps and logs say which part
 * of the node a thread belongs to. Not daemons: like the loops, a job in progress keeps the JVM up
 * until the node stops it.
 */
final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        return new Thread(runnable, prefix + count.incrementAndGet());
    }
}
