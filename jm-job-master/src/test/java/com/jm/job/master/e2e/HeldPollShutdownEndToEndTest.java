package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.HttpNodeCalls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A master stopped while it holds polls that own no thread: each is answered, empty, as the
 * master stops (not left to the end of its wait, nor cut off), and nothing is claimed on the way.
 */
class HeldPollShutdownEndToEndTest {

    private static final int POLLS = 20;

    @Test
    void heldPollsAreAnsweredEmptyWhenTheMasterStops() throws Exception {
        MasterInstance master = MasterInstance.onFreshDatabase().start();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        HttpNodeCalls calls = new HttpNodeCalls(master.url());
        try {
            for (int i = 0; i < POLLS; i++) {
                polls.add(calls.poll(calls.register("stopping", "n" + i), 60_000));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.operator("GET", "/actuator/prometheus", null)
                    .body()
                    .lines()
                    .anyMatch(line -> line.matches("jmjob_polls_held(\\{.*})? " + POLLS + "\\.0")));
        } finally {
            master.stop();
        }
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            // Well before the 60 s wait; a poll cut off by the stop would fail here instead.
            HttpResponse<String> response = poll.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = calls.read(response);
            assertThat(answer.get("tasks")).isEmpty();
        }
        assertThat(master.jdbc().queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isZero();
    }
}
