package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobResult;
import com.jm.job.master.alarm.AlarmRuleDefinition;
import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.service.TaskService;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A group's failed run reaches the operator's webhook, and the alarms page lists the rule and the
 * delivery, never the webhook's URL (a secret: whoever holds it can post to the channel).
 *
 * <p>Alarms are sent by the master's background loop, off in tests (test config): this class runs
 * a master with it on, and closes it afterwards so that its loops cannot move another class's rows.
 */
@TestPropertySource(properties = "jm.job.master.background=true")
@DirtiesContext
class AlarmJourneyTest extends ConsoleBrowserTest {

    static final String SECRET_PATH = "/hook/s3cret-path-token";

    @Autowired
    AlarmService alarms;

    @Autowired
    TaskService tasks;

    HttpServer receiver;
    final AtomicInteger received = new AtomicInteger();

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aFailedRunIsDeliveredAndListedWithoutTheSecret() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(SECRET_PATH, exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        startNode("billing", "worker-1", context -> JobResult.failure("card declined"));
        long group = groupId("billing");
        long rule = alarms.create(new AlarmRuleDefinition(
                        "billing failures",
                        AlarmScope.GROUP,
                        group,
                        Set.of(AlarmEvent.RUN_FAILED),
                        null,
                        null,
                        0,
                        AlarmChannel.WEBHOOK,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + SECRET_PATH,
                        null,
                        null,
                        null,
                        null,
                        true,
                        null))
                .getId();
        long task = tasks.insert(group, helloTask("charge", null, "{}")).getId();
        signInAsOperator();

        open("/console/alarms");
        waitForText(By.cssSelector("#rule-" + rule + " a"), "billing failures");
        // Columns: id, rule, event, task, state.
        waitForText(By.cssSelector("#alarm-deliveries tbody tr td:nth-child(5)"), "DELIVERED");
        assertThat(textOf(By.cssSelector("#alarm-deliveries tbody tr td:nth-child(3)")))
                .isEqualTo("RUN_FAILED");
        assertThat(textOf(By.cssSelector("#alarm-deliveries tbody tr td:nth-child(4)")))
                .isEqualTo(String.valueOf(task));
        assertThat(textOf(By.cssSelector("#rule-" + rule))).contains("GROUP " + group, "WEBHOOK");
        assertThat(browser.driver.getPageSource()).doesNotContain("s3cret");
        assertThat(received).hasValue(1);
        picture("alarms");
    }
}
