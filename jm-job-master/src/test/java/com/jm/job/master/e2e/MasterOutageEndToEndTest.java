package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.master.support.Ports;
import com.jm.job.master.support.TestDatabases;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Nodes and a master that is not there: at node start-up, and while runs are in flight. */
class MasterOutageEndToEndTest {

    @Test
    void aNodeStartsWithoutItsMasterAndJoinsWhenTheMasterComesUp() throws Exception {
        int port = Ports.free();
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (NodeInstance node = NodeInstance.start(
                "http://127.0.0.1:" + port,
                "late-master",
                "n1",
                Map.of("countingJob", new RecordingHandler("n1", calls)))) {
            try (MasterInstance master = new MasterInstance(TestDatabases.createDatabase("e2e"), port).start()) {
                JdbcTemplate jdbc = master.jdbc();
                await().atMost(Duration.ofSeconds(20))
                        .until(() ->
                                jdbc.queryForObject("SELECT COUNT(*) FROM jm_node WHERE instance = 'n1'", Long.class)
                                        == 1);
                long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'late-master'", Long.class);
                long task = new MasterApi(master.url()).insertTask(groupId, "after start", "countingJob");
                await().atMost(Duration.ofSeconds(20)).until(() -> calls.containsKey(task));
            }
        }
    }

    @Test
    void aMasterRestartWhileRunsAreInFlightLosesNoOutcome() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        JobHandler blocking = context -> {
            started.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
            return JobResult.success("finished while the master was down");
        };
        MasterInstance master = MasterInstance.onFreshDatabase().start();
        MasterApi api = new MasterApi(master.url());
        // Before the node starts: its registration would create the group too.
        long groupId = api.createGroup("restart");
        try (NodeInstance node = NodeInstance.start(master.url(), "restart", "n1", Map.of("blockingJob", blocking))) {
            for (int i = 0; i < 3; i++) {
                api.insertTask(groupId, "in flight " + i, "blockingJob");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> started.get() == 3);

            master.stop();
            release.countDown();
            master.start();

            JdbcTemplate jdbc = master.jdbc();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class)
                            == 3);
            assertThat(jdbc.queryForList("SELECT message FROM jm_task_run", String.class))
                    .containsOnly("finished while the master was down");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE status = 0", Long.class))
                    .isEqualTo(3);
        } finally {
            master.close();
        }
    }
}
