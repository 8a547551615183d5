package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Each task operation of the API, end to end on MariaDB: the state it leaves and what it refuses. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class TaskApiTest extends OperatorApiTest {

    @Test
    void insertWithoutCronIsPendingAtOnce() throws Exception {
        JsonNode task = body(send(post("/api/tasks"), task("nightly report", "helloJob", null))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/tasks/")))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.disabled").value(false))
                .andExpect(jsonPath("$.retry").value(false)));
        long id = task.get("id").asLong();

        assertThat(jdbc.queryForMap("SELECT status, disable, retry, bean_name FROM jm_task WHERE id = ?", id))
                .containsEntry("status", 1)
                .containsEntry("disable", 0)
                .containsEntry("retry", 0)
                .containsEntry("bean_name", "helloJob");
        mvc.perform(get("/api/tasks/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("nightly report"));
    }

    @Test
    void insertWithCronWaitsForItsNextFireTime() throws Exception {
        JsonNode task = body(send(post("/api/tasks"), task("every minute", "helloJob", "0 * * * * *"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("NOT_STARTED")));
        Instant next = Instant.parse(task.get("nextFireTime").asString());
        assertThat(next)
                .isAfter(Instant.now().minusSeconds(1))
                .isBefore(Instant.now().plusSeconds(61));
        assertThat(next.getEpochSecond() % 60).isZero();
    }

    @Test
    void invalidCronOrUnknownGroupWritesNothing() throws Exception {
        send(post("/api/tasks"), task("bad", "helloJob", "every day at noon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cron"))
                .andExpect(jsonPath("$.detail").value(containsString("invalid SPRING cron expression")));
        send(post("/api/tasks"), "{\"name\":\"x\",\"beanName\":\"helloJob\",\"groupId\":987654}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("groupId"))
                .andExpect(jsonPath("$.detail").value(containsString("no group with id 987654")));
        send(post("/api/tasks"), taskWithZone("zone", "0 * * * * *", "Mars/Olympus"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeZone"));
        send(post("/api/tasks"), taskWithZone("zone without cron", null, "Mars/Olympus"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeZone"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }

    @Test
    void priorityIsStoredShownAndChangedDefaultingToZero() throws Exception {
        long id = body(send(
                                post("/api/tasks"),
                                "{\"name\":\"urgent\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                                        + ",\"priority\":7}")
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.priority").value(7)))
                .get("id")
                .asLong();
        assertThat(jdbc.queryForObject("SELECT priority FROM jm_task WHERE id = ?", Integer.class, id))
                .isEqualTo(7);
        mvc.perform(get("/api/tasks/" + id)).andExpect(jsonPath("$.priority").value(7));
        send(put("/api/tasks/" + id), "{\"name\":\"urgent\",\"beanName\":\"helloJob\",\"priority\":2}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.priority").value(2));
        send(put("/api/tasks/" + id), "{\"name\":\"urgent\",\"beanName\":\"helloJob\"}")
                .andExpect(jsonPath("$.priority").value(0));
        send(post("/api/tasks"), task("plain", "helloJob", null))
                .andExpect(jsonPath("$.priority").value(0));

        send(put("/api/tasks/" + id), "{\"name\":\"urgent\",\"beanName\":\"helloJob\",\"priority\":10}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("priority"));
        assertThat(jdbc.queryForObject("SELECT priority FROM jm_task WHERE id = ?", Integer.class, id))
                .as("nothing written on refusal")
                .isZero();
    }

    @Test
    void largeNonAsciiParamsAreStoredWhole() throws Exception {
        String params = "参".repeat(30_000);
        String body = request("big", "helloJob", null, null, params);
        long id = body(send(post("/api/tasks"), body).andExpect(status().isCreated()))
                .get("id")
                .asLong();
        assertThat(jdbc.queryForObject("SELECT params FROM jm_task WHERE id = ?", String.class, id))
                .isEqualTo(params);
    }

    @Test
    void disableIsIdempotentAndEnableRestores() throws Exception {
        long id = insert("t");
        send(post("/api/tasks/" + id + "/disable"), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disabled").value(true))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.version").value(1));
        send(post("/api/tasks/" + id + "/disable"), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disabled").value(true))
                .andExpect(jsonPath("$.version").value(1));
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, id))
                .isEqualTo(1);
        send(post("/api/tasks/" + id + "/enable"), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disabled").value(false))
                .andExpect(jsonPath("$.version").value(2));
        send(post("/api/tasks/424242/disable"), "").andExpect(status().isNotFound());
        send(post("/api/tasks/424242/enable"), "").andExpect(status().isNotFound());
    }

    @Test
    void retryMovesIdleAndFailedTasksToPendingWithAFreshAttemptCount() throws Exception {
        long idle = insertCron("idle", "0 0 0 1 1 *");
        send(post("/api/tasks/" + idle + "/retry"), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        assertThat(jdbc.queryForObject("SELECT pending_cause FROM jm_task WHERE id = ?", String.class, idle))
                .isEqualTo("MANUAL");

        long failed = insert("failed");
        jdbc.update("UPDATE jm_task SET status = 3, attempt = 3, last_error = 'boom' WHERE id = ?", failed);
        send(post("/api/tasks/" + failed + "/retry"), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.attempt").value(0));
    }

    @Test
    void retryIsRefusedWhileRunningOrDisabled() throws Exception {
        long id = insert("t");
        jdbc.update("UPDATE jm_task SET status = 2, run_id = 77 WHERE id = ?", id);
        send(post("/api/tasks/" + id + "/retry"), "")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is running (run 77)")));

        jdbc.update("UPDATE jm_task SET status = 3 WHERE id = ?", id);
        send(post("/api/tasks/" + id + "/disable"), "").andExpect(status().isOk());
        send(post("/api/tasks/" + id + "/retry"), "")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is disabled; enable it")));
        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, id))
                .isEqualTo(3);
        send(post("/api/tasks/424242/retry"), "").andExpect(status().isNotFound());
    }

    @Test
    void updateChangesTheDefinitionButNotWhileRunningOrFromAStaleVersion() throws Exception {
        long id = insert("t");
        send(put("/api/tasks/" + id), "{\"name\":\"t2\",\"beanName\":\"otherJob\",\"retry\":true,\"version\":0}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("t2"))
                .andExpect(jsonPath("$.beanName").value("otherJob"))
                .andExpect(jsonPath("$.retry").value(true))
                .andExpect(jsonPath("$.maxRetries").value(3))
                .andExpect(jsonPath("$.version").value(1));
        send(put("/api/tasks/" + id), "{\"name\":\"t3\",\"beanName\":\"otherJob\",\"version\":0}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is at version 1, not 0")));

        jdbc.update("UPDATE jm_task SET status = 2, run_id = 5 WHERE id = ?", id);
        send(put("/api/tasks/" + id), "{\"name\":\"t4\",\"beanName\":\"otherJob\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is running")));
        assertThat(jdbc.queryForObject("SELECT name FROM jm_task WHERE id = ?", String.class, id))
                .isEqualTo("t2");
        send(put("/api/tasks/424242"), "{\"name\":\"t\",\"beanName\":\"b\"}").andExpect(status().isNotFound());
    }

    @Test
    void listFiltersAndPages() throws Exception {
        long a = insert("alpha");
        insert("beta");
        insertCron("gamma", "0 0 0 1 1 *");
        send(post("/api/tasks/" + a + "/disable"), "").andExpect(status().isOk());

        mvc.perform(get("/api/tasks").param("groupId", String.valueOf(groupId)).param("status", "PENDING"))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/tasks").param("disabled", "true"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].name").value("alpha"));
        mvc.perform(get("/api/tasks").param("name", "gam"))
                .andExpect(jsonPath("$.items[0].status").value("NOT_STARTED"));
        mvc.perform(get("/api/tasks").param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.page").value(1));
    }

    /** Pages past the middle are read oldest first and put back in order (PageSlice). */
    @Test
    void thePagesTogetherHoldEveryTaskOnceNewestFirst() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            insert("t" + i);
        }
        for (int page = 0; page < 3; page++) {
            JsonNode body =
                    body(mvc.perform(get("/api/tasks").param("size", "3").param("page", String.valueOf(page)))
                            .andExpect(jsonPath("$.total").value(7)));
            body.get("items").forEach(item -> names.add(item.get("name").asString()));
        }
        assertThat(names).containsExactly("t6", "t5", "t4", "t3", "t2", "t1", "t0");
        mvc.perform(get("/api/tasks").param("size", "3").param("page", "3"))
                .andExpect(jsonPath("$.items.length()").value(0))
                .andExpect(jsonPath("$.total").value(7));
    }

    /**
     * A filtered list paged through from both ends (PageSlice) over the filter's index (sql/V18):
     * the other group's tasks, the enabled ones and a unit of a matching task in between are left
     * out, and each match is on exactly one page, newest first.
     */
    @Test
    void theFilteredPagesTogetherHoldEveryMatchOnceNewestFirst() throws Exception {
        long other = body(send(post("/api/groups"), "{\"name\":\"other\"}").andExpect(status().isCreated()))
                .get("id")
                .asLong();
        List<String> disabled = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            long id = insert("d" + i);
            send(post("/api/tasks/" + id + "/disable"), "").andExpect(status().isOk());
            disabled.add(0, "d" + i);
            insert("e" + i);
            group.add(0, "d" + i);
            group.add(0, "e" + i);
            long elsewhere = body(send(
                                    post("/api/tasks"),
                                    "{\"name\":\"o" + i + "\",\"beanName\":\"helloJob\",\"groupId\":" + other + "}")
                            .andExpect(status().isCreated()))
                    .get("id")
                    .asLong();
            send(post("/api/tasks/" + elsewhere + "/disable"), "").andExpect(status().isOk());
            if (i == 5) {
                // A unit of a matching task (a run of its multi-run fire): not a task an operator lists.
                jdbc.update(
                        "INSERT INTO jm_task (name, bean_name, status, disable, group_id, unit_of)"
                                + " SELECT name, bean_name, status, disable, group_id, id FROM jm_task WHERE id = ?",
                        id);
            }
        }
        assertThat(pageThrough(4, "groupId", String.valueOf(groupId), "disabled", "true"))
                .containsExactlyElementsOf(disabled);
        assertThat(pageThrough(3, "groupId", String.valueOf(groupId))).containsExactlyElementsOf(group);
    }

    /** Every page of the list with these filters, in page order, each page checked for the total. */
    private List<String> pageThrough(int size, String... filters) throws Exception {
        long total = -1;
        List<String> names = new ArrayList<>();
        for (int page = 0; total < 0 || (long) page * size < total; page++) {
            var request = get("/api/tasks").param("size", String.valueOf(size)).param("page", String.valueOf(page));
            for (int i = 0; i < filters.length; i += 2) {
                request.param(filters[i], filters[i + 1]);
            }
            JsonNode body = body(mvc.perform(request).andExpect(status().isOk()));
            long pageTotal = body.get("total").asLong();
            assertThat(total).as("total on page " + page).isIn(-1L, pageTotal);
            total = pageTotal;
            body.get("items").forEach(item -> names.add(item.get("name").asString()));
        }
        assertThat(names).hasSize((int) total);
        return names;
    }

    @Test
    void runsArePagedNewestFirst() throws Exception {
        long id = insert("t");
        for (int attempt = 1; attempt <= 3; attempt++) {
            jdbc.update(
                    "INSERT INTO jm_task_run (task_id, node_id, attempt, trigger_type, state, started_at)"
                            + " VALUES (?, 1, ?, 'MANUAL', 'SUCCEEDED', NOW(3))",
                    id,
                    attempt);
        }
        mvc.perform(get("/api/tasks/" + id + "/runs").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].attempt").value(3))
                .andExpect(jsonPath("$.items[1].attempt").value(2))
                .andExpect(jsonPath("$.items[0].trigger").value("MANUAL"))
                .andExpect(jsonPath("$.items[0].state").value("SUCCEEDED"));
        mvc.perform(get("/api/tasks/424242/runs")).andExpect(status().isNotFound());
    }

    private long insert(String name) throws Exception {
        return body(send(post("/api/tasks"), task(name, "helloJob", null)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    private long insertCron(String name, String cron) throws Exception {
        return body(send(post("/api/tasks"), task(name, "helloJob", cron)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    private String task(String name, String beanName, String cron) {
        return request(name, beanName, cron, null, null);
    }

    private String taskWithZone(String name, String cron, String zone) {
        return request(name, "helloJob", cron, zone, null);
    }

    /** A create body with the given fields, every other one absent. */
    private String request(String name, String beanName, String cron, String zone, String params) {
        return json.writeValueAsString(new TaskRequest(
                name, beanName, groupId, cron, null, zone, null, null, null, params, null, null, null, null, null, null,
                null, null, null, null, null, null));
    }
}
