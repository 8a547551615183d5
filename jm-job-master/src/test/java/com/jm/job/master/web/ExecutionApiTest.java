package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.ResultActions;

/** The execution fields (mode, shards, tags, overlap) through the API on MariaDB. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class ExecutionApiTest extends OperatorApiTest {

    @Override
    protected String groupName() {
        return "execution";
    }

    @Test
    void anOrdinaryTaskHasOneRunPerFireOnAnyNode() throws Exception {
        create("")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mode").value("SINGLE"))
                .andExpect(jsonPath("$.shards").value(1))
                .andExpect(jsonPath("$.shardParams").isEmpty())
                .andExpect(jsonPath("$.tags").isEmpty())
                .andExpect(jsonPath("$.overlap").value("SKIP"))
                .andExpect(jsonPath("$.maxConcurrentFires").value(1));
    }

    @Test
    void shardsTagsAndOverlapAreStoredAndShownAsSent() throws Exception {
        long id = body(create(
                                "\"shards\":3,\"shardParams\":[\"a\",\"<b>\",\"\"],\"tags\":[\"zone:eu\",\"gpu\",\"gpu\"],"
                                        + "\"overlap\":\"PARALLEL\",\"maxConcurrentFires\":4,\"cron\":\"0 0 3 * * *\"")
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.shards").value(3))
                        .andExpect(jsonPath("$.shardParams[1]").value("<b>"))
                        .andExpect(jsonPath("$.shardParams[2]").value(""))
                        .andExpect(jsonPath("$.tags[0]").value("gpu"))
                        .andExpect(jsonPath("$.tags[1]").value("zone:eu"))
                        .andExpect(jsonPath("$.tags.length()").value(2))
                        .andExpect(jsonPath("$.overlap").value("PARALLEL"))
                        .andExpect(jsonPath("$.maxConcurrentFires").value(4)))
                .get("id")
                .asLong();
        assertThat(jdbc.queryForObject("SELECT tags FROM jm_task WHERE id = ?", String.class, id))
                .as("sorted, without duplicates, comma on both sides")
                .isEqualTo(",gpu,zone:eu,");
        send(get("/api/tasks/" + id), "")
                .andExpect(jsonPath("$.shardParams.length()").value(3));
        send(put("/api/tasks/" + id), "{\"name\":\"t\",\"beanName\":\"helloJob\",\"mode\":\"BROADCAST\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("BROADCAST"))
                .andExpect(jsonPath("$.shards").value(1))
                .andExpect(jsonPath("$.shardParams").isEmpty())
                .andExpect(jsonPath("$.tags").isEmpty())
                .andExpect(jsonPath("$.overlap").value("SKIP"));
    }

    @Test
    void contradictoryOrOutOfRangeExecutionFieldsAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        refused("\"mode\":\"EVERYWHERE\"", "mode", "SINGLE");
        refused("\"shards\":0", "shards", "from 1 to 10000");
        refused("\"shards\":10001", "shards", "from 1 to 10000");
        refused("\"mode\":\"BROADCAST\",\"shards\":4", "shards", "one run per node");
        refused("\"mode\":\"BROADCAST\",\"shardParams\":[\"a\"]", "shardParams", "no shards");
        refused("\"shards\":3,\"shardParams\":[\"a\",\"b\"]", "shardParams", "2 entries for 3 shards");
        refused("\"shardParams\":[null]", "shardParams[0]", "null");
        refused("\"tags\":[\"has space\"]", "tags[0]", "a letter or digit");
        refused("\"tags\":[\"\"]", "tags[0]", "a letter or digit");
        refused("\"tags\":[\"-lead\"]", "tags[0]", "a letter or digit");
        refused("\"overlap\":\"DROP\"", "overlap", "SKIP, QUEUE or PARALLEL");
        refused("\"maxConcurrentFires\":3", "maxConcurrentFires", "needs overlap PARALLEL");
        refused("\"overlap\":\"PARALLEL\",\"maxConcurrentFires\":101", "maxConcurrentFires", "100");
        refused(
                "\"overlap\":\"PARALLEL\",\"maxConcurrentFires\":2,\"fixedDelay\":\"PT1M\"",
                "maxConcurrentFires",
                "only on a cron or fixedRate schedule");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }

    private void refused(String fields, String field, String reason) throws Exception {
        create(fields)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(reason)));
    }

    private ResultActions create(String fields) throws Exception {
        return send(
                post("/api/tasks"),
                "{\"name\":\"t\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + (fields.isEmpty() ? "" : ",")
                        + fields + "}");
    }
}
