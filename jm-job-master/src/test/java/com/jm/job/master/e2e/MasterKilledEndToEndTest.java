package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.Ports;
import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestDatabases;
import com.jm.job.master.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two masters on one database and one Redis; the one the nodes use is killed (SIGKILL) mid-load.
 * The nodes carry on with the other, and no task and no outcome is lost: every task ends with one
 * successful run, runs handed out by the dead master that never reached a node end LOST and run
 * again, and nothing is left RUNNING.
 */
class MasterKilledEndToEndTest {

    private static final int TASKS = 300;

    @Test
    void killingAMasterMidLoadLosesNoTaskAndNoOutcome() {
        try (RedisCli redis = RedisCli.of(TestRedis.server())) {
            redis.flushDb();
        }
        String database = TestDatabases.createDatabase("e2e");
        List<String> shared = new ArrayList<>(List.of(
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + TestDatabases.server().user(),
                "spring.datasource.password=" + TestDatabases.server().password(),
                "jm.job.master.background=true",
                "jm.job.master.lease=6s",
                "jm.job.master.lease-check-interval=200ms",
                "jm.job.master.retry-backoff-base=100ms"));
        shared.addAll(TestRedis.server().masterProperties());
        int portA = Ports.free();
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (ChildJvm a = ChildJvm.master("master-a", portA, shared);
                MasterInstance b = new MasterInstance(
                                database,
                                0,
                                shared.stream()
                                        .filter(p -> !p.startsWith("spring.datasource")
                                                && !p.startsWith("jm.job.master.background"))
                                        .toArray(String[]::new))
                        .start()) {
            String urlA = "http://127.0.0.1:" + portA;
            MasterApi apiA = new MasterApi(urlA);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> "UP"
                    .equals(apiA.get("/actuator/health").get("status").asString()));
            MasterApi apiB = new MasterApi(b.url());
            long groupId = apiB.createGroup("failover");
            String urls = urlA + "," + b.url();
            try (NodeInstance n1 = NodeInstance.start(
                            urls,
                            "failover",
                            "n1",
                            Map.of("countingJob", new RecordingHandler("n1", calls)),
                            "jm.job.client.heartbeat-interval=500ms");
                    NodeInstance n2 = NodeInstance.start(
                            urls,
                            "failover",
                            "n2",
                            Map.of("countingJob", new RecordingHandler("n2", calls)),
                            "jm.job.client.heartbeat-interval=500ms")) {
                List<Long> tasks = new ArrayList<>();
                for (int i = 0; i < TASKS; i++) {
                    tasks.add(apiB.insertTask(Map.of(
                            "name",
                            "t" + i,
                            "beanName",
                            "countingJob",
                            "groupId",
                            groupId,
                            "retry",
                            true,
                            "maxRetries",
                            5)));
                }
                JdbcTemplate jdbc = b.jdbc();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class)
                                >= 30);
                assertThat(a.kill()).as("killed by SIGKILL").isEqualTo(137);

                await().atMost(Duration.ofSeconds(90))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(DISTINCT task_id) FROM jm_task_run WHERE state = 'SUCCEEDED'",
                                        Long.class)
                                == TASKS);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                == 0);
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class))
                        .as("one successful run per task")
                        .isEqualTo(TASKS);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE status = 0", Long.class))
                        .isEqualTo(TASKS);
                assertThat(calls.keySet()).containsAll(tasks);
                assertThat(calls.values())
                        .as("each handler ran once: a run whose poll answer was lost never reached a node")
                        .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
                long lost = jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'LOST'", Long.class);
                System.out.printf("master killed mid-load: %d tasks done, %d runs LOST and run again%n", TASKS, lost);
            }
        }
    }
}
