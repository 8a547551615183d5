package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.NodeCalls;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** Child tasks on MariaDB: a parent's success gives each child one fire; cycles and bad ids are refused. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class ChildTaskTest extends RegisteredNodeTest {

    /** Far enough that a child created with it never fires by itself during a test. */
    private static final String IDLE = "\"runAt\":\"2099-01-01T00:00:00Z\"";

    @Test
    void aParentsSuccessGivesEachChildOneFireNamingTheParentRun() throws Exception {
        long c1 = task("c1", IDLE);
        long c2 = task("c2", IDLE);
        long parent = task("parent", "\"childTaskIds\":[" + c1 + "," + c2 + "]");
        send(get("/api/tasks/" + parent), null)
                .andExpect(jsonPath("$.childTaskIds[0]").value(c1))
                .andExpect(jsonPath("$.childTaskIds[1]").value(c2));

        long parentRun = nodes.poll(nodeId, 5).get(0).get("runId").asLong();
        nodes.finish(nodeId, parentRun, "SUCCEEDED", "ok");

        JsonNode handed = nodes.poll(nodeId, 5);
        assertThat(handed).hasSize(2);
        List<Long> childIds = new ArrayList<>();
        handed.forEach(t -> childIds.add(t.get("taskId").asLong()));
        assertThat(childIds).containsExactlyInAnyOrder(c1, c2);
        assertThat(jdbc.queryForList(
                        "SELECT trigger_type, parent_run_id FROM jm_task_run WHERE task_id IN (?, ?)", c1, c2))
                .allSatisfy(r -> {
                    assertThat(r.get("trigger_type")).isEqualTo("CHILD");
                    assertThat(((Number) r.get("parent_run_id")).longValue()).isEqualTo(parentRun);
                });
        handed.forEach(t -> finish(t.get("runId").asLong(), "SUCCEEDED"));

        nodes.finish(nodeId, parentRun, "SUCCEEDED", "resent");
        assertThat(nodes.poll(nodeId, 5))
                .as("a resent parent outcome fires nothing again")
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE task_id IN (?, ?)", Long.class, c1, c2))
                .isEqualTo(2);
        JsonNode history = nodes.read(send(get("/api/tasks/" + c1 + "/runs"), null));
        assertThat(history.get("items").get(0).get("parentRunId").asLong()).isEqualTo(parentRun);
        assertThat(jdbc.queryForObject("SELECT parent_run_id FROM jm_task WHERE id = ?", Long.class, c1))
                .as("cleared when the child's fire ended")
                .isNull();
    }

    @Test
    void aFailedParentFiresNoChildAndADisabledOrRunningChildIsLeftAlone() throws Exception {
        long child = task("child", IDLE);
        long failing = task("failing", "\"childTaskIds\":[" + child + "]");
        nodes.finish(nodeId, nodes.poll(nodeId, 1).get(0).get("runId").asLong(), "FAILED", "boom");
        assertThat(taskStatus(child)).isEqualTo(0);

        long disabledChild = task("disabled child", IDLE);
        send(post("/api/tasks/" + disabledChild + "/disable"), null).andExpect(status().isOk());
        long runningChild = task("running child", "");
        long runningChildRun = nodes.poll(nodeId, 1).get(0).get("runId").asLong();
        long parent = task("parent", "\"childTaskIds\":[" + disabledChild + "," + runningChild + "]");
        nodes.finish(nodeId, nodes.poll(nodeId, 1).get(0).get("runId").asLong(), "SUCCEEDED", "ok");

        assertThat(taskStatus(disabledChild)).isEqualTo(0);
        assertThat(jdbc.queryForObject("SELECT run_id FROM jm_task WHERE id = ?", Long.class, runningChild))
                .as("the running child keeps its run")
                .isEqualTo(runningChildRun);
        assertThat(parent).isPositive();
    }

    @Test
    void badChildrenAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        long a = task("a", IDLE);
        long b = task("b", "\"childTaskIds\":[" + a + "]");
        refused(post("/api/tasks"), body("x", "\"childTaskIds\":[987654]"), "no task with id 987654");
        refused(post("/api/tasks"), body("x", "\"childTaskIds\":[" + a + "," + a + "]"), "more than once");
        refused(put("/api/tasks/" + a), update("\"childTaskIds\":[" + a + "]"), "its own child");
        refused(put("/api/tasks/" + a), update("\"childTaskIds\":[" + b + "]"), "cycle");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_child", Long.class))
                .isEqualTo(1);

        send(put("/api/tasks/" + b), update(""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.childTaskIds.length()").value(0));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_child", Long.class))
                .isZero();
    }

    /** Two edits that would close a cycle together: the walk's locks let at most one of them in. */
    @Test
    void twoConcurrentEditsNeverCloseACycle() throws Exception {
        for (int round = 0; round < 5; round++) {
            clean();
            nodes = new NodeCalls(mvc);
            groupId = nodes.register(GROUP, "n1", "10.1.2.3").get("groupId").asLong();
            long a = task("a", IDLE);
            long b = task("b", IDLE);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> ab = CompletableFuture.supplyAsync(() -> edit(start, a, b));
            CompletableFuture<Integer> ba = CompletableFuture.supplyAsync(() -> edit(start, b, a));
            List<Integer> statuses = List.of(ab.get(30, TimeUnit.SECONDS), ba.get(30, TimeUnit.SECONDS));

            assertThat(statuses).as("round %d: not both", round).containsOnlyOnce(200);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_child", Long.class))
                    .isEqualTo(1);
        }
    }

    private int edit(CyclicBarrier start, long parent, long child) {
        try {
            start.await(10, TimeUnit.SECONDS);
            return send(put("/api/tasks/" + parent), update(IDLE + ",\"childTaskIds\":[" + child + "]"))
                    .andReturn()
                    .getResponse()
                    .getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void finish(long runId, String result) {
        try {
            nodes.finish(nodeId, runId, result, "ok");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int taskStatus(long task) {
        return jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task);
    }

    private void refused(MockHttpServletRequestBuilder request, String body, String reason) throws Exception {
        send(request, body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("childTaskIds"))
                .andExpect(jsonPath("$.detail").value(containsString(reason)));
    }

    private long task(String name, String extra) throws Exception {
        return nodes.read(send(post("/api/tasks"), body(name, extra)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    private String body(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String update(String extra) {
        return "{\"name\":\"t\",\"beanName\":\"helloJob\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
