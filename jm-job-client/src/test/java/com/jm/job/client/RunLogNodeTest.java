package com.jm.job.client;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.JmJobNodeBuilder;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.common.protocol.LogLevel;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node's run logs: what handlers write reaches the master, tagged by run, and never holds a run up. */
class RunLogNodeTest {

    private static final Logger handlerLog = LoggerFactory.getLogger("com.example.InvoiceJob");

    private final FakeMaster master = new FakeMaster();

    @Test
    void linesWrittenWithTheContextReachTheMasterInOrderWithTheirLevel() {
        JmJobNode node = node(builder().handler("report", context -> {
            context.log("sending {} invoices", 12);
            context.log(LogLevel.WARN, "customer {} has no address", "c-7");
            context.log(LogLevel.ERROR, "could not send", new IllegalStateException("smtp down"));
            return JobResult.success();
        }));
        try {
            master.enqueue(task(1, "report"));

            await().atMost(Duration.ofSeconds(5)).until(() -> master.logTexts(1).size() == 3);
            List<LogLine> lines = master.logs.stream()
                    .flatMap(request -> request.runs().stream())
                    .flatMap(run -> run.lines().stream())
                    .toList();
            assertThat(lines).extracting(LogLine::level).containsExactly(LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR);
            assertThat(lines.get(0).text()).isEqualTo("sending 12 invoices");
            assertThat(lines.get(1).text()).isEqualTo("customer c-7 has no address");
            assertThat(lines.get(2).text())
                    .startsWith("could not send")
                    .contains("java.lang.IllegalStateException: smtp down");
            assertThat(master.logs).allSatisfy(request -> assertThat(request.nodeId())
                    .isEqualTo(node.nodeId().orElseThrow()));
        } finally {
            node.stop();
        }
    }

    @Test
    void slf4jLinesOnTheRunsThreadArriveTaggedAndLinesOfOtherThreadsDoNot() {
        JmJobNode node = node(builder().handler("report", context -> {
            handlerLog.info("on the run's thread, run {}", context.runId());
            Thread other = new Thread(() -> handlerLog.info("on a thread the handler started"));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            context.log("last line");
            return JobResult.success();
        }));
        try {
            handlerLog.info("on the test's thread, outside any run");
            master.enqueue(task(1, "report"));

            await().atMost(Duration.ofSeconds(5)).until(() -> master.logTexts(1).contains("last line"));
            assertThat(master.logTexts(1)).containsExactly("on the run's thread, run 1", "last line");
            assertThat(master.logs).flatMap(request -> request.runs()).allSatisfy(run -> assertThat(run.runId())
                    .isEqualTo(1));
        } finally {
            node.stop();
        }
    }

    @Test
    void withTheCaptureSwitchedOffSlf4jLinesAreNotSent() {
        JmJobNode node = node(builder().runLogCapture(false).handler("report", context -> {
            handlerLog.info("through SLF4J");
            context.log("through the context");
            return JobResult.success();
        }));
        try {
            master.enqueue(task(1, "report"));

            // The SLF4J line was written first: captured, it would be in this batch or an earlier one.
            await().atMost(Duration.ofSeconds(5)).until(() -> master.logTexts(1).contains("through the context"));
            assertThat(master.logTexts(1)).containsExactly("through the context");
        } finally {
            node.stop();
        }
    }

    @Test
    void aMasterThatTakesNoLinesCostsTheRunNothingAndTheDropsAreCountedThenShipped() {
        master.setLogsUnreachable(true);
        JmJobNode node = node(builder().runLogBuffer(100, Duration.ofMillis(20)).handler("chatty", context -> {
            for (int i = 0; i < 1000; i++) {
                context.log("line {}", i);
                handlerLog.info("slf4j line {}", i);
            }
            return JobResult.success("done");
        }));
        try {
            master.enqueue(task(1, "chatty"));

            await().atMost(Duration.ofSeconds(5)).until(() -> master.outcomeOf(1) != null);
            assertThat(master.outcomeOf(1))
                    .extracting(RunOutcome::result, RunOutcome::message)
                    .containsExactly(RunResult.SUCCEEDED, "done");
            assertThat(node.droppedLogLines()).isEqualTo(1900);
            assertThat(master.logs).isEmpty();

            master.setLogsUnreachable(false);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> master.logTexts(1).size() == 100);
            assertThat(master.logTexts(1)).startsWith("line 0", "slf4j line 0", "line 1");
            assertThat(master.logDropped(1)).isEqualTo(1900);
        } finally {
            node.stop();
        }
    }

    private JmJobNodeBuilder builder() {
        return JmJobNode.builder()
                .masterClient(master)
                .group("logs")
                .pollWait(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .runLogBuffer(JmJobNodeBuilder.DEFAULT_RUN_LOG_BUFFER_LINES, Duration.ofMillis(20));
    }

    private JmJobNode node(JmJobNodeBuilder builder) {
        JmJobNode node = builder.build();
        node.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> node.nodeId().isPresent());
        return node;
    }
}
