package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a node does with handlers that fail, are missing, or are not handlers at all: every run ends
 * FAILED with a message a person can act on, and the node goes on taking work.
 */
class FailureModesEndToEndTest {

    @Test
    void failedRunsAreRecordedWithTheirReasonAndTheNodeKeepsGoing() {
        try (MasterInstance master = MasterInstance.onFreshDatabase().start()) {
            MasterApi api = new MasterApi(master.url());
            long groupId = api.createGroup("failures");
            Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
            JobHandler throwing = context -> {
                throw new IllegalStateException("disk full on /var/data");
            };
            JobHandler refusing = context -> JobResult.failure("quota exceeded for tenant 7");
            Map<String, Object> beans = Map.of(
                    "countingJob",
                    new RecordingHandler("n1", calls),
                    "throwingJob",
                    throwing,
                    "refusingJob",
                    refusing,
                    // A bean that merely has a task's beanName: it must never be invoked.
                    "plainBean",
                    new StringBuilder("not a job handler"));
            try (NodeInstance node = NodeInstance.start(master.url(), "failures", "n1", beans)) {
                long unknown = api.insertTask(groupId, "unknown", "noSuchJob");
                long thrown = api.insertTask(groupId, "throws", "throwingJob");
                long failed = api.insertTask(groupId, "refuses", "refusingJob");
                long notHandler = api.insertTask(groupId, "plain", "plainBean");
                long fine = api.insertTask(groupId, "fine", "countingJob");
                long dataSource = api.insertTask(groupId, "the application's data source", "dataSource");

                JdbcTemplate jdbc = master.jdbc();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE state <> 'RUNNING'", Long.class)
                                == 6);

                assertThat(run(jdbc, unknown)).containsEntry("state", "FAILED");
                assertThat((String) run(jdbc, unknown).get("message"))
                        .contains("no job handler named noSuchJob on node n1");
                assertThat((String) run(jdbc, thrown).get("message"))
                        .contains("IllegalStateException")
                        .contains("disk full on /var/data");
                assertThat(run(jdbc, failed))
                        .containsEntry("state", "FAILED")
                        .containsEntry("message", "quota exceeded for tenant 7");
                assertThat((String) run(jdbc, notHandler).get("message")).contains("no job handler named plainBean");
                assertThat(run(jdbc, fine)).containsEntry("state", "SUCCEEDED");
                assertThat(run(jdbc, dataSource)).containsEntry("state", "FAILED");
                assertThat((String) run(jdbc, dataSource).get("message"))
                        .contains("no job handler named dataSource on node n1");
                assertThat(calls.get(fine).get()).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, thrown))
                        .as("no automatic retry configured: the task is in error")
                        .isEqualTo(3);
                assertThat(jdbc.queryForObject("SELECT last_error FROM jm_task WHERE id = ?", String.class, failed))
                        .isEqualTo("quota exceeded for tenant 7");
            }
        }
    }

    private static Map<String, Object> run(JdbcTemplate jdbc, long taskId) {
        return jdbc.queryForMap("SELECT state, message FROM jm_task_run WHERE task_id = ?", taskId);
    }
}
