package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.master.lease.DatabaseContact;
import com.jm.job.master.support.PrivateMariaDb;
import com.jm.job.master.support.TestSecurity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The master's database stopped mid-load (a clean mariadbd shutdown, as in a restart) and started
 * again on the same data, on a private server so no other test loses its database. While it is
 * away the master stays up and answers quickly: 503 with Retry-After and a problem body, health
 * DOWN; the node keeps the outcomes of the runs that finish meanwhile and resends them. The lease
 * is far shorter than the outage, so every lease of those runs lapses while the database is away:
 * the master must not end them LOST before their node could renew them or resend (which would
 * refuse the resent outcomes and lose them). The node is cut off from the master while the database
 * is away and until the master's lease loop has looked at the database twice after it came back,
 * so that, were those lapses ended at once, they would be ended before the node could speak. Once
 * the node is let through again everything recovers by itself: every
 * task has exactly one SUCCEEDED run, none stays RUNNING, the cron loop fires again.
 */
class DatabaseRestartEndToEndTest {

    private static final int TASKS = 200;
    /** How long the database stays away; the range is 10-30 s. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Far shorter than the outage; the test node heartbeats every second. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** The pool's connection wait (2 s, application.yml) plus room for a loaded machine. */
    private static final Duration ANSWER_BOUND = Duration.ofMillis(3500);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDatabaseRestartMidLoadLosesNoOutcomeAndTheMasterAnswers503UntilItIsBack() throws Exception {
        Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        Set<Long> finishedWhileAway = ConcurrentHashMap.newKeySet();
        AtomicBoolean away = new AtomicBoolean();
        AtomicInteger ticks = new AtomicInteger();
        JobHandler work = context -> {
            calls.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
            // The job's own work, so that runs are in flight whenever the database goes.
            TimeUnit.MILLISECONDS.sleep(100);
            if (away.get()) {
                finishedWhileAway.add(context.taskId());
            }
            return JobResult.success("done");
        };
        JobHandler tick = context -> {
            ticks.incrementAndGet();
            return JobResult.success("tick");
        };
        try (PrivateMariaDb db = PrivateMariaDb.start();
                MasterInstance master = new MasterInstance(
                                db.url(),
                                db.user(),
                                db.password(),
                                0,
                                "management.endpoint.health.show-details=always",
                                "jm.job.master.lease=" + LEASE.toMillis() + "ms",
                                "jm.job.master.lease-check-interval=200ms")
                        .start()) {
            MasterApi api = new MasterApi(master.url());
            long groupId = api.createGroup("db-restart");
            JdbcTemplate jdbc = master.jdbc();
            long cron = api.insertTask(
                    Map.of("name", "every second", "beanName", "tick", "groupId", groupId, "cron", "* * * * * *"));
            for (int i = 0; i < TASKS; i++) {
                api.insertTask(groupId, "one-shot " + i, "work");
            }
            // Started after the inserts, so that the load is still running when the database goes.
            GatedMasterClient gate = new GatedMasterClient(master.url());
            try (NodeInstance node = NodeInstance.start(
                    master.url(), "db-restart", "n1", Map.of("work", work, "tick", tick, "jmJobMasterClient", gate))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= 40 && ticks.get() > 0);

                LocalDateTime stoppedAtDb = jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class);
                away.set(true);
                gate.close();
                db.stopServer();
                long stoppedAt = System.nanoTime();
                long worstMs = 0;
                long worstHealthMs = 0;
                int probes = 0;
                // Every answer while the database is away is checked; the probes pace themselves by
                // the time each answer takes.
                while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                    worstMs = Math.max(worstMs, expectUnavailable(get(master.url() + "/api/tasks?size=5")));
                    worstMs = Math.max(
                            worstMs,
                            expectUnavailable(post(
                                    master.url() + "/api/tasks",
                                    "{\"name\":\"while away\",\"beanName\":\"work\",\"groupId\":" + groupId + "}")));
                    Answer health = get(master.url() + "/actuator/health");
                    assertThat(health.status())
                            .as("health while the database is away: %s", health.body())
                            .isEqualTo(503);
                    assertThat(health.body().get("status").asString()).isEqualTo("DOWN");
                    assertThat(health.millis()).as("health answer time").isLessThan(ANSWER_BOUND.toMillis());
                    worstHealthMs = Math.max(worstHealthMs, health.millis());
                    probes++;
                }
                int callsWhileAway = calls.size();
                away.set(false);
                db.startServer();
                long startedAt = System.nanoTime();

                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> get(master.url() + "/actuator/health").status() == 200);
                long healthUpMs = (System.nanoTime() - startedAt) / 1_000_000;
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> get(master.url() + "/api/tasks?size=5").status() == 200);
                long apiUpMs = (System.nanoTime() - startedAt) / 1_000_000;
                DatabaseContact contact = master.bean(DatabaseContact.class);
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> contact.current()
                                .filter(span -> span.since().isAfter(stoppedAtDb))
                                .filter(span -> span.lastLook().isAfter(span.since()))
                                .isPresent());
                gate.open();
                int ticksAtRestart = ticks.get();

                await().atMost(Duration.ofSeconds(40))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run r JOIN jm_task t ON t.id = r.task_id"
                                                + " WHERE t.bean_name = 'work' AND r.state = 'SUCCEEDED'",
                                        Long.class)
                                >= TASKS);
                long allDoneMs = (System.nanoTime() - startedAt) / 1_000_000;
                await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > ticksAtRestart);
                api.post("/api/tasks/" + cron + "/disable", "");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                == 0);

                System.out.printf(
                        "db restart e2e: %d probes while away, slowest API answer %d ms, slowest health %d ms;"
                                + " health UP %d ms and API answering %d ms after the start, all %d tasks done"
                                + " after %d ms; %d runs finished while away, %d of %d tasks had started by then%n",
                        probes,
                        worstMs,
                        worstHealthMs,
                        healthUpMs,
                        apiUpMs,
                        TASKS,
                        allDoneMs,
                        finishedWhileAway.size(),
                        callsWhileAway,
                        TASKS);
                assertThat(worstMs).isLessThan(ANSWER_BOUND.toMillis());
                assertThat(finishedWhileAway)
                        .as("runs that finished while the database was away (their outcomes waited in the node)")
                        .isNotEmpty();
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE bean_name = 'work'", Long.class))
                        .as("no task was created by a 503 answer")
                        .isEqualTo(TASKS);
                assertThat(jdbc.queryForList(
                                "SELECT COUNT(*) FROM jm_task t LEFT JOIN jm_task_run r ON r.task_id = t.id"
                                        + " AND r.state = 'SUCCEEDED' WHERE t.bean_name = 'work' GROUP BY t.id",
                                Long.class))
                        .as("SUCCEEDED runs per one-shot task")
                        .hasSize(TASKS)
                        .containsOnly(1L);
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM jm_task_run r JOIN jm_task t ON t.id = r.task_id"
                                        + " WHERE t.bean_name = 'work' AND r.state <> 'SUCCEEDED'",
                                Long.class))
                        .as("one-shot runs that did not succeed")
                        .isZero();
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM jm_task WHERE bean_name = 'work' AND status <> 0", Long.class))
                        .as("one-shot tasks not back to 'not started'")
                        .isZero();
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class))
                        .isZero();
                assertThat(calls).hasSize(TASKS);
                assertThat(calls.values()).allSatisfy(count -> assertThat(count.get())
                        .as("handler calls per task")
                        .isEqualTo(1));
            }
        }
    }

    /** Checks a 503 problem answer with Retry-After; answers how long it took. */
    private static long expectUnavailable(Answer answer) {
        assertThat(answer.status())
                .as("status while the database is away: %s", answer.body())
                .isEqualTo(503);
        assertThat(answer.retryAfter()).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(503);
        assertThat(answer.body().get("detail").asString()).contains("database");
        assertThat(answer.millis()).as("answer time").isLessThan(ANSWER_BOUND.toMillis());
        return answer.millis();
    }

    private record Answer(int status, String retryAfter, String contentType, JsonNode body, long millis) {}

    private Answer get(String url) throws IOException, InterruptedException {
        return send(authorized(url).GET().build());
    }

    private Answer post(String url, String body) throws IOException, InterruptedException {
        return send(authorized(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpRequest.Builder authorized(String url) {
        String basic = Base64.getEncoder()
                .encodeToString((TestSecurity.OPERATOR + ":" + TestSecurity.OPERATOR_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
        // Far beyond the bound the answers are held to, so a hanging call fails the assertion
        // rather than the test hanging.
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(40))
                .header("Authorization", "Basic " + basic);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        String body = response.body();
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""),
                json.readTree(body.isEmpty() ? "{}" : body),
                millis);
    }
}
