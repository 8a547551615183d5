package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** The schedules besides cron through the API on MariaDB: what a task stores, what is refused. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class ScheduleApiTest extends OperatorApiTest {

    @Override
    protected String groupName() {
        return "schedules";
    }

    @Test
    void aFixedRateTaskWaitsForItsFirstSlotNowAndCountsItsSlotsFromThere() throws Exception {
        Instant dbNow = dbNow();
        JsonNode task = body(create("\"fixedRate\":\"PT30S\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("NOT_STARTED"))
                .andExpect(jsonPath("$.fixedRate").value("PT30S")));
        Instant first = Instant.parse(task.get("nextFireTime").asString());
        assertThat(Duration.between(dbNow, first).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(task.get("runAt").asString())
                .isEqualTo(task.get("nextFireTime").asString());
        assertThat(jdbc.queryForObject("SELECT fixed_rate_ms FROM jm_task", Long.class))
                .isEqualTo(30_000L);
    }

    @Test
    void runAtAloneWaitsForThatInstantAndStartsAFixedDelayOrRateSchedule() throws Exception {
        create("\"runAt\":\"2030-01-02T03:04:05+08:00\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("NOT_STARTED"))
                .andExpect(jsonPath("$.runAt").value("2030-01-01T19:04:05Z"))
                .andExpect(jsonPath("$.nextFireTime").value("2030-01-01T19:04:05Z"));
        create("\"fixedDelay\":\"PT1M\",\"runAt\":\"2030-01-01T00:00:00Z\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.fixedDelay").value("PT1M"))
                .andExpect(jsonPath("$.nextFireTime").value("2030-01-01T00:00:00Z"));
        create("\"fixedRate\":\"PT1H\",\"runAt\":\"2030-01-01T00:00:00Z\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.nextFireTime").value("2030-01-01T00:00:00Z"));
        create("\"runAt\":\"2030-01-01T00:00:00.678Z\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.runAt").value("2030-01-01T00:00:00.678Z"));
        assertThat(jdbc.queryForObject("SELECT run_at FROM jm_task ORDER BY id DESC LIMIT 1", LocalDateTime.class))
                .as("the milliseconds survive binding")
                .isEqualTo(LocalDateTime.of(2030, 1, 1, 0, 0, 0, 678_000_000));
    }

    @Test
    void schedulesThatContradictOrCannotBeReadAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        refused(
                "\"cron\":\"0 * * * * *\",\"fixedRate\":\"PT1M\"",
                "cron",
                "at most one of cron, fixedRate and fixedDelay");
        refused("\"fixedRate\":\"PT1M\",\"fixedDelay\":\"PT1M\"", "fixedRate", "at most one");
        refused("\"cron\":\"0 * * * * *\",\"runAt\":\"2030-01-01T00:00:00Z\"", "runAt", "a cron has its own slots");
        refused("\"fixedRate\":\"30 seconds\"", "fixedRate", "not an ISO-8601 duration");
        refused("\"fixedDelay\":\"PT0.5S\"", "fixedDelay", "from PT1S to P366D");
        refused("\"fixedRate\":\"P400D\"", "fixedRate", "from PT1S to P366D");
        refused("\"fixedRate\":\"PT1.0005S\"", "fixedRate", "whole milliseconds");
        refused("\"runAt\":\"2030-01-01T00:00:00\"", "runAt", "not an instant with an offset");
        refused("\"runAt\":\"tomorrow\"", "runAt", "not an instant with an offset");
        refused("\"fixedRate\":\"PT1M\",\"timeZone\":\"Asia/Shanghai\"", "timeZone", "applies to a cron");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }

    @Test
    void anUpdateReplacesTheScheduleOfAnIdleTask() throws Exception {
        long id = body(create("\"cron\":\"0 0 3 * * *\"")).get("id").asLong();
        send(
                        put("/api/tasks/" + id),
                        "{\"name\":\"t\",\"beanName\":\"helloJob\",\"fixedDelay\":\"PT10S\",\"runAt\":\"2031-05-06T07:08:09Z\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cron").doesNotExist())
                .andExpect(jsonPath("$.fixedDelay").value("PT10S"))
                .andExpect(jsonPath("$.nextFireTime").value("2031-05-06T07:08:09Z"));
        send(put("/api/tasks/" + id), "{\"name\":\"t\",\"beanName\":\"helloJob\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fixedDelay").doesNotExist())
                .andExpect(jsonPath("$.runAt").doesNotExist())
                .andExpect(jsonPath("$.nextFireTime").doesNotExist());
    }

    private void refused(String schedule, String field, String reason) throws Exception {
        create(schedule)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(reason)));
    }

    private ResultActions create(String schedule) throws Exception {
        return send(
                post("/api/tasks"),
                "{\"name\":\"t\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "," + schedule + "}");
    }

    private Instant dbNow() {
        return jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
