package com.jm.job.master.metrics;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who may scrape {@code /actuator/prometheus}: operators and the scrape token; not viewers, not a
 * wrong token, and the scrape token nowhere else. Health stays open.
 */
@SpringBootTest(properties = "jm.job.master.security.scrape-token=" + PrometheusEndpointTest.SCRAPE_TOKEN)
@AutoConfigureMockMvc
class PrometheusEndpointTest extends MariaDbTest {

    static final String SCRAPE_TOKEN = "scrape-0123456789abcdef0123456789abcdef";
    private static final String PROMETHEUS = "/actuator/prometheus";

    @Autowired
    MockMvc mvc;

    @Autowired
    GroupGauges gauges;

    @BeforeEach
    void countOnce() {
        clean();
        jdbc.update("INSERT INTO jm_group (name, created_at) VALUES ('scraped', NOW(3))");
        gauges.refresh();
    }

    @Test
    void withoutCredentialsTheScrapeIsRefused() throws Exception {
        mvc.perform(get(PROMETHEUS))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void viewersMayNotScrape() throws Exception {
        mvc.perform(get(PROMETHEUS).with(httpBasic(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void operatorsScrapeTheMastersMetrics() throws Exception {
        mvc.perform(get(PROMETHEUS).with(httpBasic(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jmjob_polls_held ")))
                .andExpect(content().string(containsString("jmjob_index_available ")))
                .andExpect(content().string(containsString("jmjob_tasks_pending{group=\"scraped\"} 0.0")))
                .andExpect(content().string(containsString("jmjob_nodes_online{group=\"scraped\"} 0.0")));
    }

    @Test
    void theScrapeTokenScrapesAndReadsNothingElse() throws Exception {
        mvc.perform(get(PROMETHEUS).header("Authorization", "Bearer " + SCRAPE_TOKEN))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jmjob_tasks_running{group=\"scraped\"} 0.0")));
        mvc.perform(get("/api/tasks").header("Authorization", "Bearer " + SCRAPE_TOKEN))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("unknown bearer token"));
        mvc.perform(get("/actuator/info").header("Authorization", "Bearer " + SCRAPE_TOKEN))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aWrongScrapeTokenIsRefused() throws Exception {
        for (String wrong : new String[] {
            SCRAPE_TOKEN.substring(0, SCRAPE_TOKEN.length() - 1),
            SCRAPE_TOKEN + "x",
            SCRAPE_TOKEN.toUpperCase(),
            "",
            "Basic " + SCRAPE_TOKEN
        }) {
            mvc.perform(get(PROMETHEUS).header("Authorization", "Bearer " + wrong))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().string(not(containsString("jmjob_"))));
        }
        // A control character in a header is refused before any check, by the request firewall.
        mvc.perform(get(PROMETHEUS).header("Authorization", "Bearer \u0000" + SCRAPE_TOKEN))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(not(containsString("jmjob_"))));
    }

    @Test
    void healthStaysOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
