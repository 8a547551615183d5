package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.schedule.CronFiring;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * A task's cron flavour through the API and the node protocol on MariaDB: what is stored and
 * shown, what the first and later fire times are, what is refused and how, and the preview.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class CronFlavourApiTest extends RegisteredNodeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    CronFiring firing;

    @Test
    void theIssuesExampleAsQuartzFiresOnTheThirdFridayAtTenAndIsStoredAndShownAsQuartz() throws Exception {
        JsonNode task = nodes.read(
                create("\"cron\":\"0 0 10 ? * 6#3\",\"cronFlavour\":\"QUARTZ\"," + "\"timeZone\":\"Europe/Berlin\"")
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.cronFlavour").value("QUARTZ")));
        ZonedDateTime next = Instant.parse(task.get("nextFireTime").asString()).atZone(BERLIN);
        assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(next.getDayOfMonth()).isBetween(15, 21);
        assertThat(next.toLocalTime()).hasToString("10:00");

        long id = task.get("id").asLong();
        assertThat(jdbc.queryForObject("SELECT cron_flavour FROM jm_task WHERE id = ?", String.class, id))
                .isEqualTo("QUARTZ");
        mvc.perform(get("/api/tasks/" + id)).andExpect(jsonPath("$.cronFlavour").value("QUARTZ"));
    }

    @Test
    void withoutAFlavourACronIsSpringsAsBeforeAndATaskWithoutCronShowsNone() throws Exception {
        JsonNode task = nodes.read(create("\"cron\":\"0 0 10 ? * 6#3\",\"timeZone\":\"Europe/Berlin\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.cronFlavour").value("SPRING")));
        ZonedDateTime next = Instant.parse(task.get("nextFireTime").asString()).atZone(BERLIN);
        assertThat(next.getDayOfWeek()).as("Spring's 6 is Saturday").isEqualTo(DayOfWeek.SATURDAY);

        create("\"fixedRate\":\"PT1M\"")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.cronFlavour").doesNotExist());
        assertThat(jdbc.queryForList("SELECT cron_flavour FROM jm_task", String.class))
                .containsOnly("SPRING");
    }

    @Test
    void anUpdateChangesTheFlavourAndLeavingItOutMeansSpringAgain() throws Exception {
        long id = nodes.read(create("\"cron\":\"0 0 3 * * *\"")).get("id").asLong();
        JsonNode unix = nodes.read(send(
                        put("/api/tasks/" + id),
                        "{\"name\":\"t\",\"beanName\":\"helloJob\",\"cron\":\"30 6 * * 1-5\",\"cronFlavour\":\"UNIX\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cronFlavour").value("UNIX")));
        ZonedDateTime next = Instant.parse(unix.get("nextFireTime").asString()).atZone(ZoneId.of("UTC"));
        assertThat(next.toLocalTime()).hasToString("06:30");
        assertThat(next.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        send(put("/api/tasks/" + id), "{\"name\":\"t\",\"beanName\":\"helloJob\",\"cron\":\"0 0 3 * * *\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cronFlavour").value("SPRING"));
    }

    /**
     * A seven-field Quartz expression every second: Spring's reading refuses seven fields, so the
     * fire, the claim and the finish that sets the next slot all read the stored flavour.
     */
    @Test
    void aQuartzTaskWithAYearFiresRunsAndIsScheduledAgainByItsFlavour() throws Exception {
        long id = nodes.read(create("\"cron\":\"* * * ? * * 2026-2099\",\"cronFlavour\":\"QUARTZ\""))
                .get("id")
                .asLong();
        jdbc.update("UPDATE jm_task SET next_fire_time = NOW(3) - INTERVAL 1 SECOND WHERE id = ?", id);
        assertThat(firing.fireDue()).isEqualTo(1);
        long run = nodes.poll(nodeId, 1).get(0).get("runId").asLong();

        nodes.finish(nodeId, run, "SUCCEEDED", "ok");

        Map<String, Object> after = jdbc.queryForMap("SELECT status, next_fire_time FROM jm_task WHERE id = ?", id);
        assertThat(after.get("status")).as("idle, waiting for its next slot").isEqualTo(0);
        LocalDateTime finished =
                jdbc.queryForObject("SELECT finished_at FROM jm_task_run WHERE id = ?", LocalDateTime.class, run);
        assertThat((LocalDateTime) after.get("next_fire_time")).isAfter(finished.minusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, run))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aRefusalNamesTheFlavourSaysWhatIsWrongAndListsTheFlavoursThatReadItWithTheirFireTimes() throws Exception {
        create("\"cron\":\"0 0 10 * * 6#3\",\"cronFlavour\":\"QUARTZ\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cron"))
                .andExpect(jsonPath("$.detail").value(containsString("invalid QUARTZ cron expression")))
                .andExpect(jsonPath("$.detail").value(containsString("put '?' in day-of-month or day-of-week")))
                .andExpect(jsonPath("$.detail").value(containsString("as SPRING it reads")))
                .andExpect(jsonPath("$.cronFlavour").value("QUARTZ"))
                .andExpect(jsonPath("$.otherReadings[0].cronFlavour").value("SPRING"))
                .andExpect(jsonPath("$.otherReadings[0].nextFireTimes.length()").value(3));
        create("\"cron\":\"0 0 10 ? * 6#3 2027\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("invalid SPRING cron expression")))
                .andExpect(jsonPath("$.otherReadings[0].cronFlavour").value("QUARTZ"))
                .andExpect(jsonPath("$.otherReadings[0].nextFireTimes[0]").value("2027-01-15T10:00:00Z"));
        create("\"cron\":\"0 10 * * *\",\"cronFlavour\":\"QUARTZ\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("five fields are UNIX cron")))
                .andExpect(jsonPath("$.otherReadings[0].cronFlavour").value("UNIX"));
        create("\"cron\":\"0 0 12 ? * MON\",\"cronFlavour\":\"UNIX\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("invalid UNIX cron expression")));
        create("\"cron\":\"0 0 0 30 2 ?\",\"cronFlavour\":\"QUARTZ\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("QUARTZ cron expression '0 0 0 30 2 ?' never fires"));
        create("\"fixedRate\":\"PT1M\",\"cronFlavour\":\"QUARTZ\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cronFlavour"));
        create("\"cron\":\"0 0 10 * * *\",\"cronFlavour\":\"CRONTAB\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cronFlavour"))
                .andExpect(jsonPath("$.detail").value(containsString("SPRING (the default), QUARTZ")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }

    @Test
    void thePreviewListsTheNextFireTimesInTheZoneWithANoteWhereAnotherFlavourReadsItDifferently() throws Exception {
        mvc.perform(get("/api/cron/next")
                        .param("expression", "0 0 10 ? * 6#3")
                        .param("flavour", "QUARTZ")
                        .param("zone", "Europe/Berlin")
                        .param("after", "2026-12-01T00:00:00Z")
                        .param("count", "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.flavour").value("QUARTZ"))
                .andExpect(jsonPath("$.zone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.nextFireTimes[0]").value("2026-12-18T10:00:00+01:00"))
                .andExpect(jsonPath("$.nextFireTimes[1]").value("2027-01-15T10:00:00+01:00"))
                .andExpect(jsonPath("$.nextFireTimes[2]").value("2027-02-19T10:00:00+01:00"))
                .andExpect(jsonPath("$.notes[0]")
                        .value(containsString("read as SPRING the same text fires" + " 2026-12-19T10:00:00+01:00")));
        mvc.perform(get("/api/cron/next").param("expression", "0 0 1 * MON").param("flavour", "UNIX"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nextFireTimes.length()").value(5))
                .andExpect(jsonPath("$.notes").value(hasItem(containsString("fires on a day that matches either"))));
        mvc.perform(get("/api/cron/next")
                        .param("expression", "0 0 0 1 1 ? 2027")
                        .param("flavour", "QUARTZ")
                        .param("after", "2026-06-01T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nextFireTimes").value(hasItem("2027-01-01T00:00:00Z")))
                .andExpect(jsonPath("$.notes[0]").value("it fires only 1 more time"));
    }

    @Test
    void thePreviewRefusesWhatATaskWouldRefuseAndItsOwnParametersOutOfRange() throws Exception {
        mvc.perform(get("/api/cron/next").param("expression", "0 0 10 ? * 6#3 2027"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("invalid SPRING cron expression")))
                .andExpect(jsonPath("$.otherReadings[0].cronFlavour").value("QUARTZ"));
        previewRefused(Map.of("expression", " "), "expression");
        previewRefused(Map.of("expression", "x".repeat(129)), "expression");
        previewRefused(Map.of("expression", "* * * * * *", "count", "0"), "count");
        previewRefused(Map.of("expression", "* * * * * *", "count", "51"), "count");
        previewRefused(Map.of("expression", "* * * * * *", "flavour", "CRONTAB"), "flavour");
        previewRefused(Map.of("expression", "* * * * * *", "zone", "Mars/Olympus"), "timeZone");
        previewRefused(Map.of("expression", "* * * * * *", "after", "yesterday"), "after");
        mvc.perform(get("/api/cron/next")).andExpect(status().isBadRequest());
    }

    private void previewRefused(Map<String, String> params, String field) throws Exception {
        var request = get("/api/cron/next");
        params.forEach(request::param);
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private ResultActions create(String fields) throws Exception {
        return send(
                post("/api/tasks"),
                "{\"name\":\"t\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "," + fields + "}");
    }

    private ResultActions send(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
