package com.jm.job.bench;

/**
 * One repetition: every contender measured back to back, so their ratio shares the machine's
 * momentary load. A contender left out with {@code --only} is {@code null}.
 */
record Repetition(int number, Results.Run jmJob, Results.Run dbScheduler, Results.Throughput jdbcLimit) {}
