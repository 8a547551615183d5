package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.schedule.CronFiring;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * Overlap policies on MariaDB through the API and the node protocol (the cron loop stepped by hand):
 * a per-second task whose run was due three seconds before its finish, as a slow handler's would
 * be. The finish writes the history row for the slots left out and sets the next fire; the run
 * history shows the row.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class OverlapTest extends RegisteredNodeTest {

    private static final long RUN_MS = 3_000;
    /** How long before stamping a run's end the finish may have read the clock it decides by. */
    private static final Duration CLOCK_READ = Duration.ofMillis(200);

    @Autowired
    CronFiring firing;

    @Test
    void skipRecordsTheSlotsARunOverranAndWaitsForTheFirstSlotAfterIt() throws Exception {
        long task = perSecondTask("skip", "SKIP");
        LocalDateTime due = dueThreeSecondsAgo(task);
        assertThat(firing.fireDue()).isEqualTo(1);
        long run = nodes.poll(nodeId, 1).get(0).get("runId").asLong();

        finish(Map.of(run, RUN_MS)).andExpect(status().isOk());

        Map<String, Object> after = jdbc.queryForMap("SELECT status, next_fire_time FROM jm_task WHERE id = ?", task);
        LocalDateTime next = (LocalDateTime) after.get("next_fire_time");
        LocalDateTime ended = finishedAt(run);
        assertThat(after.get("status")).isEqualTo(0);
        // The finish reads the database clock with the locked row, a moment before it stamps the run.
        assertThat(next).as("the first slot after the run ended").isAfter(ended.minus(CLOCK_READ));
        assertThat(next).isBeforeOrEqualTo(ended.plusSeconds(1));
        long skippedSlots = Duration.between(due, next).toSeconds() - 1;
        assertThat(skippedSlots).isGreaterThanOrEqualTo(3);

        Map<String, Object> row = skippedRow(task);
        assertThat(row)
                .containsEntry("node_id", null)
                .containsEntry("attempt", 0)
                .containsEntry("trigger_type", "CRON")
                .containsEntry("duration_ms", 0L)
                .containsEntry("scheduled_at", due.plusSeconds(1));
        assertThat(row.get("started_at")).isEqualTo(row.get("finished_at"));
        assertThat(row.get("message"))
                .isEqualTo(skippedSlots + " slots skipped (" + range(due.plusSeconds(1), next.minusSeconds(1))
                        + ") while run " + run + " was running; overlap SKIP");

        JsonNode history =
                nodes.read(mvc.perform(get("/api/tasks/" + task + "/runs"))).get("items");
        assertThat(history).hasSize(2);
        JsonNode skipped = history.get(0);
        assertThat(skipped.get("state").asString()).isEqualTo("SKIPPED");
        assertThat(skipped.get("trigger").asString()).isEqualTo("CRON");
        assertThat(skipped.get("nodeId").isNull()).isTrue();
        assertThat(skipped.get("attempt").asInt()).isZero();
        assertThat(skipped.get("durationMs").asLong()).isZero();
        assertThat(skipped.get("lateMs").isNull()).as("it never started").isTrue();
        assertThat(skipped.get("scheduledAt").asString())
                .isEqualTo(due.plusSeconds(1).toInstant(ZoneOffset.UTC).toString());
        assertThat(skipped.get("message").asString()).isEqualTo(row.get("message"));
        assertThat(history.get(1).get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(history.get(1).get("nodeId").asLong()).isEqualTo(nodeId);
    }

    @Test
    void queueRunsTheLatestOverrunSlotNextAndRecordsTheOthers() throws Exception {
        long task = perSecondTask("queue", "QUEUE");
        LocalDateTime due = dueThreeSecondsAgo(task);
        firing.fireDue();
        long run = nodes.poll(nodeId, 1).get(0).get("runId").asLong();

        finish(Map.of(run, RUN_MS)).andExpect(status().isOk());

        LocalDateTime queued =
                jdbc.queryForObject("SELECT next_fire_time FROM jm_task WHERE id = ?", LocalDateTime.class, task);
        LocalDateTime ended = finishedAt(run);
        assertThat(queued)
                .as("the latest slot that fell due during the run: due at once")
                .isBeforeOrEqualTo(ended);
        assertThat(queued).isAfter(ended.minusSeconds(1).minus(CLOCK_READ));
        long others = Duration.between(due, queued).toSeconds() - 1;
        assertThat(others).isGreaterThanOrEqualTo(2);
        assertThat(skippedRow(task))
                .containsEntry("scheduled_at", due.plusSeconds(1))
                .containsEntry(
                        "message",
                        others + " slots skipped (" + range(due.plusSeconds(1), queued.minusSeconds(1))
                                + ") while run " + run + " was running; overlap QUEUE: the slot of "
                                + queued.toInstant(ZoneOffset.UTC) + " runs next");

        assertThat(firing.fireDue()).as("the cron loop fires the queued slot").isEqualTo(1);
        long second = nodes.poll(nodeId, 1).get(0).get("runId").asLong();
        assertThat(jdbc.queryForMap("SELECT trigger_type, scheduled_at FROM jm_task_run WHERE id = ?", second))
                .containsEntry("trigger_type", "CRON")
                .containsEntry("scheduled_at", queued);
        finish(Map.of(second, 10L)).andExpect(status().isOk());

        // Whether or not the next second began while the queued run ran, its slot is next: on the
        // schedule, or (if it fell due during the run) as the one queued slot.
        assertThat(jdbc.queryForObject("SELECT next_fire_time FROM jm_task WHERE id = ?", LocalDateTime.class, task))
                .isEqualTo(queued.plusSeconds(1));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SKIPPED'", Long.class, task))
                .as("the queued run skipped nothing")
                .isEqualTo(1);
    }

    @Test
    void oneFinishReportWritesOneRowPerFireThatSkippedAndNoneForTheOthers() throws Exception {
        long skip = perSecondTask("skip", "SKIP");
        long queue = perSecondTask("queue", "QUEUE");
        long yearly = task("yearly", "\"cron\":\"0 0 0 1 1 *\"");
        dueThreeSecondsAgo(skip);
        dueThreeSecondsAgo(queue);
        dueThreeSecondsAgo(yearly);
        assertThat(firing.fireDue()).isEqualTo(3);
        JsonNode claimed = nodes.poll(nodeId, 3);
        assertThat(claimed).hasSize(3);
        Map<Long, Long> outcomes = new LinkedHashMap<>();
        claimed.forEach(t -> outcomes.put(t.get("runId").asLong(), RUN_MS));

        finish(outcomes).andExpect(status().isOk());

        assertThat(jdbc.queryForList(
                        "SELECT task_id FROM jm_task_run WHERE state = 'SKIPPED' ORDER BY task_id", Long.class))
                .as("a yearly slot cannot fall due in three seconds")
                .containsExactly(skip, queue);
        long skippedRun = jdbc.queryForObject(
                "SELECT id FROM jm_task_run WHERE task_id = ? AND state = 'SKIPPED'", Long.class, skip);
        finish(Map.of(skippedRun, 1L)).andExpect(status().isForbidden());
        assertThat(skippedRow(skip).get("node_id"))
                .as("no node owns a skipped row")
                .isNull();
    }

    @Test
    void aFireOfSeveralRunsIsMeasuredFromItsStartSoALongOneIsNotTakenForDowntime() throws Exception {
        long task = task("sharded", "\"cron\":\"* * * * * *\",\"overlap\":\"QUEUE\",\"shards\":2");
        LocalDateTime due = jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class)
                .truncatedTo(ChronoUnit.SECONDS)
                .minusSeconds(8);
        jdbc.update("UPDATE jm_task SET next_fire_time = ? WHERE id = ?", due, task);
        firing.fireDue();
        assertThat(nodes.poll(nodeId, 2)).as("the claim starts the fire").isEmpty();
        long record = jdbc.queryForObject("SELECT run_id FROM jm_task WHERE id = ?", Long.class, task);
        // As if the fire had started a second after its slot and its shards had run for seven.
        jdbc.update("UPDATE jm_task_run SET started_at = ? WHERE id = ?", due.plusSeconds(1), record);
        jdbc.update("UPDATE jm_task SET fire_started_at = ? WHERE id = ?", due.plusSeconds(1), task);
        Map<Long, Long> shards = new LinkedHashMap<>();
        nodes.poll(nodeId, 2).forEach(t -> shards.put(t.get("runId").asLong(), 6_000L));
        assertThat(shards).hasSize(2);

        finish(shards).andExpect(status().isOk());

        LocalDateTime queued =
                jdbc.queryForObject("SELECT next_fire_time FROM jm_task WHERE id = ?", LocalDateTime.class, task);
        assertThat(queued)
                .as("the slots of its seven seconds follow QUEUE: the latest is due at once")
                .isBeforeOrEqualTo(finishedAt(record))
                .isAfter(finishedAt(record).minusSeconds(1).minus(CLOCK_READ));
        assertThat((String) skippedRow(task).get("message"))
                .startsWith(Duration.between(due, queued).toSeconds() - 1 + " slots skipped ("
                        + due.plusSeconds(1).toInstant(ZoneOffset.UTC) + " … ")
                .contains("while run " + record + " was running; overlap QUEUE");
    }

    private long perSecondTask(String name, String overlap) throws Exception {
        return task(name, "\"cron\":\"* * * * * *\",\"overlap\":\"" + overlap + "\"");
    }

    private long task(String name, String fields) throws Exception {
        ResultActions created = mvc.perform(post("/api/tasks")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "," + fields
                        + "}"));
        created.andExpect(status().isCreated());
        return nodes.read(created).get("id").asLong();
    }

    /** Puts the task's slot three whole seconds before the database's now, as if it fired then. */
    private LocalDateTime dueThreeSecondsAgo(long task) {
        LocalDateTime due = jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class)
                .truncatedTo(ChronoUnit.SECONDS)
                .minusSeconds(3);
        jdbc.update("UPDATE jm_task SET next_fire_time = ? WHERE id = ?", due, task);
        return due;
    }

    /** One finish report with each run's success and the run time its node measured. */
    private ResultActions finish(Map<Long, Long> runTimes) throws Exception {
        List<Map<String, Object>> outcomes = runTimes.entrySet().stream()
                .map(e -> Map.<String, Object>of(
                        "runId", e.getKey(), "result", "SUCCEEDED", "message", "ok", "durationMillis", e.getValue()))
                .toList();
        return nodes.call(NodeApi.FINISH, Map.of("nodeId", nodeId, "outcomes", outcomes));
    }

    private LocalDateTime finishedAt(long run) {
        return jdbc.queryForObject("SELECT finished_at FROM jm_task_run WHERE id = ?", LocalDateTime.class, run);
    }

    private Map<String, Object> skippedRow(long task) {
        return jdbc.queryForMap(
                "SELECT node_id, attempt, trigger_type, scheduled_at, started_at, finished_at, duration_ms, message"
                        + " FROM jm_task_run WHERE task_id = ? AND state = 'SKIPPED'",
                task);
    }

    /** "first … last" as the message writes it: the last without its date when that is the same. */
    private static String range(LocalDateTime first, LocalDateTime last) {
        Instant to = last.toInstant(ZoneOffset.UTC);
        String lastText =
                first.toLocalDate().equals(last.toLocalDate()) ? to.toString().substring(11) : to.toString();
        return first.toInstant(ZoneOffset.UTC) + " … " + lastText;
    }
}
