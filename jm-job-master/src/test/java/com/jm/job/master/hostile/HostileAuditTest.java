package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** Refused writes are audited too, however hostile the request that was refused. */
@HostileMaster
class HostileAuditTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aWriteRefusedForAnIdPastLongMaxValueIsAuditedWithoutATargetId() throws Exception {
        long before = audited();
        mvc.perform(post("/api/tasks/" + HostileParams.LONG_OVERFLOW + "/disable")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + Endpoint.OPERATOR_TOKEN))
                .andExpect(status().isBadRequest());

        assertThat(audited()).isEqualTo(before + 1);
        Map<String, Object> entry = jdbc.queryForMap(
                "SELECT actor, action, target_type, target_id, outcome FROM jm_audit ORDER BY id DESC LIMIT 1");
        assertThat(entry)
                .containsEntry("actor", "hostile-operator")
                .containsEntry("action", "POST /api/tasks/{id}/disable")
                .containsEntry("target_type", "TASK")
                .containsEntry("target_id", null)
                .containsEntry("outcome", 400);
    }

    private long audited() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_audit", Long.class);
    }
}
