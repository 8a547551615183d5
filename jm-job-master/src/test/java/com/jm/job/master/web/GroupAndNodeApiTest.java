package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Groups and nodes through the API on MariaDB. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class GroupAndNodeApiTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        clean();
    }

    @Test
    void groupNamesAreUniqueAndRoundTrip() throws Exception {
        String name = "支付 \\\"quoted\\\"; DELETE";
        mvc.perform(post("/api/groups").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("支付 \"quoted\"; DELETE"));
        mvc.perform(post("/api/groups").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already exists")));
        mvc.perform(post("/api/groups").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .isEqualTo(1);
        mvc.perform(get("/api/groups")).andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void groupDetailCountsTasksByStatusAndOnlineNodes() throws Exception {
        long groupId = group("g");
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, group_id) VALUES ('a', 'b', 1, ?), ('c', 'd', 1, ?),"
                        + " ('e', 'f', 3, ?)",
                groupId,
                groupId,
                groupId);
        jdbc.update("UPDATE jm_task SET disable = 1 WHERE name = 'e'");
        long online = node(groupId, "n1", "NOW(3)");
        node(groupId, "n2", "TIMESTAMPADD(MINUTE, -10, NOW(3))");

        mvc.perform(get("/api/groups/" + groupId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tasks.PENDING").value(2))
                .andExpect(jsonPath("$.tasks.ERROR").value(1))
                .andExpect(jsonPath("$.tasks.RUNNING").value(0))
                .andExpect(jsonPath("$.disabledTasks").value(1))
                .andExpect(jsonPath("$.onlineNodes").value(1));
        mvc.perform(get("/api/groups/999999")).andExpect(status().isNotFound());

        mvc.perform(get("/api/nodes").param("groupId", String.valueOf(groupId)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].id").value(online))
                .andExpect(jsonPath("$.items[0].online").value(true))
                .andExpect(jsonPath("$.items[1].online").value(false));
    }

    @Test
    void nodesCanBeDisabledAndEnabled() throws Exception {
        long id = node(group("g"), "n1", "NOW(3)");
        mvc.perform(post("/api/nodes/" + id + "/disable"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disabled").value(true));
        mvc.perform(post("/api/nodes/" + id + "/disable"))
                .andExpect(jsonPath("$.disabled").value(true));
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_node WHERE id = ?", Integer.class, id))
                .isEqualTo(1);
        mvc.perform(post("/api/nodes/" + id + "/enable"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disabled").value(false));
        mvc.perform(get("/api/nodes/" + id)).andExpect(jsonPath("$.instance").value("n1"));
        mvc.perform(post("/api/nodes/999999/disable")).andExpect(status().isNotFound());
        mvc.perform(get("/api/nodes/999999")).andExpect(status().isNotFound());
    }

    private long group(String name) {
        jdbc.update("INSERT INTO jm_group (name) VALUES (?)", name);
        return jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, name);
    }

    private long node(long groupId, String instance, String heartbeatSql) {
        jdbc.update(
                "INSERT INTO jm_node (ip, group_id, instance, threads, last_heartbeat_at) VALUES ('10.0.0.1', ?, ?, 4, "
                        + heartbeatSql + ")",
                groupId,
                instance);
        return jdbc.queryForObject("SELECT id FROM jm_node WHERE instance = ?", Long.class, instance);
    }
}
