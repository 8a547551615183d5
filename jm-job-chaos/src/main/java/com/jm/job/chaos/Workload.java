package com.jm.job.chaos;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tasks of the chaos run, drawn from the seed: per-second cron and fixed-rate tasks first (they
 * fire through the whole fault window), then one-shot tasks (some with injected failures, some
 * broadcast, some sharded, a few long ones) inserted at an even pace over most of the window, and
 * a few disables of tasks that are pending or running. Names start with the kind, which is how the
 * checks tell the kinds apart.
 *
 * <p>Every task retries (up to {@value #MAX_RETRIES} times): a run lost to a fault uses an attempt,
 * as the design says, and without retries a task whose node was killed ends in ERROR by design,
 * which is not what this run measures. For a recurring task that would also end its schedule (a
 * fire that ends in ERROR leaves it until an operator retries the task), so its slots would stop
 * at the first lost run; with retries, a lost run is retried as the same fire, whose success
 * records the slots that fell due meanwhile.
 */
final class Workload {

    static final int MAX_RETRIES = 8;
    private static final String RETRY = "\"retry\":true,\"maxRetries\":" + MAX_RETRIES;
    private static final int INSERT_THREADS = 4;

    private final MasterApi api;
    private final ChaosOptions options;
    private final Random random;
    private final long groupId;
    private final ConcurrentLinkedDeque<Long> longTasks = new ConcurrentLinkedDeque<>();
    private final List<Long> recurring = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> sharded = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inserted = new AtomicInteger();
    final AtomicInteger disabled = new AtomicInteger();

    Workload(MasterApi api, ChaosOptions options, long groupId) {
        this.api = api;
        this.options = options;
        this.random = new Random(options.seed() * 31 + 7);
        this.groupId = groupId;
    }

    /** The recurring tasks, inserted before the faults start. */
    void insertRecurring() throws InterruptedException {
        int each = options.shortRun() ? 3 : 8;
        Instant runAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < each; i++) {
            recurring.add(insert("cron-" + i, RETRY + ",\"cron\":\"* * * * * *\"", "ms=" + (50 + random.nextInt(250))));
            recurring.add(insert(
                    "rate-" + i,
                    RETRY + ",\"fixedRate\":\"PT1S\",\"runAt\":\"" + runAt + "\"",
                    "ms=" + (50 + random.nextInt(250))));
        }
    }

    /** Inserts the one-shot tasks evenly over {@code seconds}; disables a few on the way. */
    void insertOneShots(long seconds) throws InterruptedException {
        int total = options.tasks() - recurring.size();
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            plan.add(draw(i));
        }
        int disables = options.shortRun() ? 4 : 10;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(INSERT_THREADS);
        AtomicInteger cursor = new AtomicInteger();
        for (int t = 0; t < INSERT_THREADS; t++) {
            pool.execute(() -> {
                int i;
                while ((i = cursor.getAndIncrement()) < plan.size()) {
                    long due = started + (long) (seconds * 1e9 * i / plan.size());
                    try {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        String[] p = plan.get(i);
                        long id = insert(p[0], p[1], p[2]);
                        if (p[0].startsWith("long-")) {
                            longTasks.add(id);
                        } else if (p[0].startsWith("shard-")) {
                            sharded.add(id);
                        }
                        int n = inserted.incrementAndGet();
                        if (n % Math.max(1, plan.size() / (disables + 1)) == 0) {
                            disableOne(n / Math.max(1, plan.size() / (disables + 1)));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        System.out.println("[chaos] insert failed: " + e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 600, TimeUnit.SECONDS);
    }

    /** Every third disable hits a sharded task, one a cron task, the rest long one-shot tasks. */
    private void disableOne(int n) throws InterruptedException {
        Long id;
        if (n == 2 && !recurring.isEmpty()) {
            id = recurring.get(0);
        } else if (n % 3 == 0 && !sharded.isEmpty()) {
            id = sharded.get(sharded.size() - 1);
        } else {
            id = longTasks.pollFirst();
        }
        if (id != null) {
            Instant sent = Instant.now();
            api.post("/api/tasks/" + id + "/disable", "");
            disabled.incrementAndGet();
            System.out.println("[chaos] disabled task " + id + " (sent " + sent + ", answered " + Instant.now() + ")");
        }
    }

    /** At the end of the window: the recurring tasks stop, so their slots end there. */
    void disableRecurring() throws InterruptedException {
        for (long id : recurring) {
            api.post("/api/tasks/" + id + "/disable", "");
        }
    }

    private String[] draw(int i) {
        double r = random.nextDouble();
        if (r < 0.005) {
            return new String[] {"bcast-" + i, RETRY + ",\"mode\":\"BROADCAST\"", "ms=" + (100 + random.nextInt(400))};
        }
        if (r < 0.015) {
            return new String[] {
                "shard-" + i,
                RETRY + ",\"shards\":" + (2 + random.nextInt(7)),
                "ms=" + (50 + random.nextInt(400)) + (random.nextBoolean() ? ";fail=1" : "")
            };
        }
        if (r < 0.045) {
            return new String[] {"long-" + i, RETRY, "ms=" + (2_000 + random.nextInt(4_000))};
        }
        if (r < 0.20) {
            return new String[] {
                "retry-" + i, RETRY, "ms=" + (20 + random.nextInt(300)) + ";fail=" + (1 + random.nextInt(2))
            };
        }
        return new String[] {"once-" + i, RETRY, "ms=" + (20 + random.nextInt(300))};
    }

    private long insert(String name, String fields, String params) throws InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"beanName\":\"" + ChaosHandler.BEAN + "\",\"groupId\":" + groupId
                + ",\"params\":\"" + params + "\"," + fields + "}";
        return MasterApi.id(api.post("/api/tasks", body));
    }
}
