package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The ids of a batch come from the driver, which derives them from the first generated key and the
 * auto-increment step it read at connect. Here the step changes after that (as a server setting
 * the driver did not see would): the ids derived are wrong, and the batch must fail whole rather
 * than answer other rows.
 */
@SpringBootTest(
        properties =
                "spring.datasource.hikari.connection-init-sql=SET time_zone = '+00:00', SESSION auto_increment_increment = 2")
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class TaskBatchIdGuardTest extends OperatorApiTest {

    @Test
    void idsTheDriverGotWrongFailTheBatchAndWriteNothing() throws Exception {
        String task = "{\"name\":\"a\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}";
        send(post("/api/tasks/batch"), "{\"tasks\":[" + task + "," + task + "," + task + "]}")
                .andExpect(status().isInternalServerError());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }
}
