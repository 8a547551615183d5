package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/tasks/batch} on MariaDB: all tasks or none, one transaction, and a refusal that
 * names the bad task by its index whatever rule it broke (the body's shape, a field's rule, a rule
 * only the service can check).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class TaskBatchApiTest extends OperatorApiTest {

    @Test
    void aBatchCreatesEveryTaskInTheOrderSent() throws Exception {
        JsonNode answer = body(send(
                        post("/api/tasks/batch"),
                        batch(List.of(
                                task("\"name\":\"a\""),
                                task("\"name\":\"b\",\"cron\":\"0 * * * * *\""),
                                task("\"name\":\"c\""))))
                .andExpect(status().isCreated()));
        JsonNode tasks = answer.get("tasks");
        assertThat(tasks).hasSize(3);
        assertThat(List.of(
                        tasks.get(0).get("name").asString(),
                        tasks.get(1).get("name").asString(),
                        tasks.get(2).get("name").asString()))
                .containsExactly("a", "b", "c");
        assertThat(tasks.get(1).get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(jdbc.queryForList("SELECT name FROM jm_task WHERE group_id = ? ORDER BY id", String.class, groupId))
                .containsExactly("a", "b", "c");
        assertThat(tasks.get(0).get("id").asLong())
                .isLessThan(tasks.get(2).get("id").asLong());
    }

    @Test
    void aThousandTasksAreOneCallAndOneMoreIsRefused() throws Exception {
        List<String> thousand = IntStream.range(0, 1_000)
                .mapToObj(i -> task("\"name\":\"bulk-" + i + "\""))
                .toList();
        body(send(post("/api/tasks/batch"), batch(thousand)).andExpect(status().isCreated()));
        assertThat(count()).isEqualTo(1_000);

        List<String> tooMany = new ArrayList<>(thousand);
        tooMany.add(task("\"name\":\"one too many\""));
        send(post("/api/tasks/batch"), batch(tooMany))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tasks"));
        assertThat(count()).isEqualTo(1_000);
    }

    @Test
    void aRuleOnlyTheServiceChecksFailsTheWholeBatchNamingTheTask() throws Exception {
        send(
                        post("/api/tasks/batch"),
                        batch(List.of(
                                task("\"name\":\"a\""),
                                task("\"name\":\"b\""),
                                "{\"name\":\"c\",\"beanName\":\"helloJob\",\"groupId\":987654}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tasks[2].groupId"))
                .andExpect(jsonPath("$.detail").value(containsString("tasks[2].groupId: no group with id 987654")));
        send(post("/api/tasks/batch"), batch(List.of(task("\"name\":\"a\",\"cron\":\"0 0 0 30 2 *\""))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tasks[0].cron"));
        assertThat(count()).isZero();
    }

    @Test
    void aFieldRuleOrAWrongTypeInOneTaskNamesItsIndex() throws Exception {
        send(post("/api/tasks/batch"), batch(List.of(task("\"name\":\"a\""), task("\"name\":\" \""))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tasks[1].name"));
        send(
                        post("/api/tasks/batch"),
                        batch(List.of(
                                task("\"name\":\"a\""),
                                "{\"name\":\"b\",\"beanName\":\"helloJob\",\"groupId\":\"seven\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("tasks[1].groupId")));
        send(post("/api/tasks/batch"), batch(List.of(task("\"name\":\"a\",\"status\":\"RUNNING\""))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("unknown field 'status'")));
        send(post("/api/tasks/batch"), "{\"tasks\":[]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tasks"));
        assertThat(count()).isZero();
    }

    private String task(String fields) {
        return "{" + fields + ",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}";
    }

    private static String batch(List<String> tasks) {
        return tasks.stream().collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
    }

    private long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class);
    }
}
