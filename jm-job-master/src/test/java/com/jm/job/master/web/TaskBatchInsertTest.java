package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.StatementLog;
import com.jm.job.master.support.TestSecurity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/tasks/batch} at its largest on MariaDB: a fixed number of statements whatever
 * the batch's size, every id answered the one of the task sent at that place, every due task
 * claimed once, and a refused batch leaving nothing behind.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import({TestSecurity.ActAsOperator.class, StatementLog.Installed.class})
class TaskBatchInsertTest extends RegisteredNodeTest {

    @Autowired
    StatementLog statementLog;

    @Test
    void aThousandTasksAreStoredWithTheirFieldsAndAnsweredInTheOrderSent() throws Exception {
        List<String> sent = IntStream.range(0, 1_000).mapToObj(this::variedTask).toList();

        JsonNode answer = sendBatch(sent).andExpect(status().isCreated()).andReturnJson();

        JsonNode tasks = answer.get("tasks");
        assertThat(tasks).hasSize(1_000);
        Map<Long, Map<String, Object>> rows =
                jdbc.queryForList("SELECT id, name, status, priority, cron, params, tags FROM jm_task").stream()
                        .collect(Collectors.toMap(r -> ((Number) r.get("id")).longValue(), r -> r));
        assertThat(rows).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            JsonNode task = tasks.get(i);
            Map<String, Object> row = rows.get(task.get("id").asLong());
            assertThat(task.get("name").asString()).isEqualTo("t-" + i);
            assertThat(row.get("name")).isEqualTo("t-" + i);
            assertThat(((Number) row.get("priority")).intValue()).isEqualTo(i % 10);
            assertThat(row.get("params")).isEqualTo("p" + i);
            boolean cron = i % 3 == 0;
            assertThat(row.get("cron")).isEqualTo(cron ? "0 0 * * * *" : null);
            assertThat(((Number) row.get("status")).intValue()).isEqualTo(cron ? 0 : 1);
            assertThat(task.get("status").asString()).isEqualTo(cron ? "NOT_STARTED" : "PENDING");
            assertThat(row.get("tags")).isEqualTo(i % 7 == 0 ? ",gpu," : null);
        }
    }

    /**
     * The statements a batch sends do not grow with it: 1,000 tasks send what 2 do but for the
     * second chunk of the insert.
     */
    @Test
    void aBatchSendsAFixedNumberOfStatementsWhateverItsSize() throws Exception {
        List<String> two = statementsOf(2);
        List<String> thousand = statementsOf(1_000);
        System.out.println("statements for 2 tasks: " + two.size() + " " + two);
        System.out.println("statements for 1000 tasks: " + thousand.size() + " " + thousand);

        List<String> thousandLessSecondChunk = new ArrayList<>(thousand);
        thousandLessSecondChunk.remove("com.jm.job.master.store.TaskMapper.insertAll");
        assertThat(thousandLessSecondChunk).isEqualTo(two);
        assertThat(thousand.stream().filter(s -> s.endsWith("TaskMapper.insertAll")))
                .hasSize(2);
    }

    @Test
    void everyDueTaskOfABatchIsClaimedOnce() throws Exception {
        long second = nodes.register(GROUP, "n2", "10.1.2.4").get("nodeId").asLong();
        List<String> sent = IntStream.range(0, 1_000)
                .mapToObj(i -> task("\"name\":\"due-" + i + "\""))
                .toList();
        List<Long> created = ids(sendBatch(sent).andExpect(status().isCreated()).andReturnJson());

        List<Long> claimed = new ArrayList<>();
        for (int round = 0; round < 20 && claimed.size() < created.size(); round++) {
            for (long node : List.of(nodeId, second)) {
                nodes.poll(node, 300).forEach(t -> claimed.add(t.get("taskId").asLong()));
            }
        }

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(nodes.poll(nodeId, 1000)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isEqualTo(1_000L);
    }

    @Test
    void aBadTaskInTheMiddleRefusesTheBatchAndWritesNothing() throws Exception {
        long child = createTask("existing", "");
        for (Map.Entry<String, String> bad : Map.of(
                        "tasks[500].cron", task("\"name\":\"bad\",\"cron\":\"0 0 0 30 2 *\""),
                        "tasks[500].childTaskIds", task("\"name\":\"bad\",\"childTaskIds\":[" + child + ",987654]"),
                        "tasks[500].groupId", "{\"name\":\"bad\",\"beanName\":\"helloJob\",\"groupId\":987654}")
                .entrySet()) {
            List<String> sent = new ArrayList<>(IntStream.range(0, 1_000)
                    .mapToObj(i -> task("\"name\":\"ok-" + i + "\",\"childTaskIds\":[" + child + "]"))
                    .toList());
            sent.set(500, bad.getValue());

            sendBatch(sent)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(bad.getKey()));

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                    .isEqualTo(1L);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_child", Long.class))
                    .isZero();
        }
        assertThat(nodes.poll(nodeId, 1000)).hasSize(1);
    }

    @Test
    void childrenOfEveryTaskOfABatchAreStored() throws Exception {
        long a = createTask("a", "");
        long b = createTask("b", "");
        List<String> sent = List.of(
                task("\"name\":\"p0\",\"childTaskIds\":[" + a + "," + b + "]"),
                task("\"name\":\"p1\""),
                task("\"name\":\"p2\",\"childTaskIds\":[" + b + "]"));

        JsonNode tasks =
                sendBatch(sent).andExpect(status().isCreated()).andReturnJson().get("tasks");

        assertThat(tasks.get(0).get("childTaskIds").toString()).isEqualTo("[" + a + "," + b + "]");
        assertThat(tasks.get(1).get("childTaskIds").toString()).isEqualTo("[]");
        assertThat(tasks.get(2).get("childTaskIds").toString()).isEqualTo("[" + b + "]");
        assertThat(jdbc.queryForList("SELECT name FROM jm_task WHERE has_children = 1 ORDER BY name", String.class))
                .containsExactly("p0", "p2");
    }

    /**
     * Batches and single inserts at once: each answered id is the row of the task sent at that
     * place, whatever ids the others took meanwhile.
     */
    @Test
    void concurrentBatchesEachAnswerTheirOwnRows() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<Long, String>>> answers = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String prefix = "w" + writer + "-";
                answers.add(threads.submit(writerOf(prefix)));
            }
            Map<Long, String> expected = new java.util.HashMap<>();
            for (Future<Map<Long, String>> answer : answers) {
                expected.putAll(answer.get());
            }
            Map<Long, String> stored = jdbc.queryForList("SELECT id, name FROM jm_task").stream()
                    .collect(Collectors.toMap(r -> ((Number) r.get("id")).longValue(), r -> (String) r.get("name")));
            assertThat(stored).isEqualTo(expected).hasSize(4 * 5 * 300);
            assertThat(new HashSet<>(stored.values())).hasSize(stored.size());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Five batches of 300 uniquely named tasks; the names answered under each id. */
    private Callable<Map<Long, String>> writerOf(String prefix) {
        return () -> {
            Map<Long, String> answered = new java.util.HashMap<>();
            for (int round = 0; round < 5; round++) {
                String batchPrefix = prefix + round + "-";
                List<String> sent = IntStream.range(0, 300)
                        .mapToObj(i -> task("\"name\":\"" + batchPrefix + i + "\""))
                        .toList();
                JsonNode tasks = sendBatch(sent)
                        .andExpect(status().isCreated())
                        .andReturnJson()
                        .get("tasks");
                for (int i = 0; i < 300; i++) {
                    assertThat(tasks.get(i).get("name").asString()).isEqualTo(batchPrefix + i);
                    answered.put(tasks.get(i).get("id").asLong(), batchPrefix + i);
                }
            }
            return answered;
        };
    }

    /** The statement ids a batch of {@code size} due tasks sends, on the request's thread. */
    private List<String> statementsOf(int size) throws Exception {
        List<String> sent = IntStream.range(0, size)
                .mapToObj(i -> task("\"name\":\"s-" + i + "\""))
                .toList();
        statementLog.start();
        sendBatch(sent).andExpect(status().isCreated());
        return statementLog.stop();
    }

    private String variedTask(int i) {
        StringBuilder fields =
                new StringBuilder("\"name\":\"t-" + i + "\",\"priority\":" + (i % 10) + ",\"params\":\"p" + i + "\"");
        if (i % 3 == 0) {
            fields.append(",\"cron\":\"0 0 * * * *\"");
        }
        if (i % 7 == 0) {
            fields.append(",\"tags\":[\"gpu\"]");
        }
        return task(fields.toString());
    }

    private String task(String fields) {
        return "{" + fields + ",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}";
    }

    private Answer sendBatch(List<String> tasks) throws Exception {
        String body = tasks.stream().collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
        return new Answer(mvc.perform(
                post("/api/tasks/batch").contentType(MediaType.APPLICATION_JSON).content(body)));
    }

    private static List<Long> ids(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.get("tasks").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    /** A response, its status checked before its body is read. */
    private final class Answer {

        private final ResultActions result;

        Answer(ResultActions result) {
            this.result = result;
        }

        Answer andExpect(org.springframework.test.web.servlet.ResultMatcher matcher) throws Exception {
            result.andExpect(matcher);
            return this;
        }

        JsonNode andReturnJson() throws Exception {
            return nodes.read(result);
        }
    }
}
