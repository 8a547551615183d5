package com.jm.job.client.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.MutableClock;
import com.jm.job.common.protocol.LogLevel;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.RunLogBatch;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The numbers the shipper gives a run's lines, so that the master can tell a batch sent again. */
class RunLogShipperTest {

    private static final long NODE = 7;
    private static final long RUN = 1001;

    private final FakeMaster master = new FakeMaster();
    private RunLogShipper shipper;

    @AfterEach
    void stop() {
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aBatchWhoseAnswerWasLostGoesAgainWithTheSameNumbers() {
        shipper = shipper(100);
        shipper.open(NODE, RUN);
        for (int i = 0; i < 3; i++) {
            shipper.write(NODE, RUN, LogLevel.INFO, "line " + i);
        }
        master.loseLogAnswers(1);

        shipper.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> master.logs.size() == 2);
        RunLogBatch first = master.logs.get(0).runs().get(0);
        RunLogBatch again = master.logs.get(1).runs().get(0);
        assertThat(first.lines()).extracting(LogLine::seq).containsExactly(0L, 1L, 2L);
        assertThat(first.nextSeq()).isEqualTo(3);
        assertThat(again).as("the resend").isEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> shipper.bufferedLines() == 0);
        assertThat(shipper.droppedLines()).isZero();
    }

    @Test
    void numbersGoOnAfterAnAcknowledgedBatchAndDroppedLinesUseTheirsUp() {
        shipper = shipper(2);
        shipper.open(NODE, RUN);
        shipper.write(NODE, RUN, LogLevel.INFO, "line 0");
        shipper.write(NODE, RUN, LogLevel.INFO, "line 1");
        shipper.write(NODE, RUN, LogLevel.INFO, "dropped: the buffer holds 2");
        shipper.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> master.logs.size() == 1 && shipper.bufferedLines() == 0);

        shipper.write(NODE, RUN, LogLevel.INFO, "line 3");
        shipper.close(RUN);

        await().atMost(Duration.ofSeconds(5)).until(() -> master.logs.size() == 2);
        RunLogBatch first = master.logs.get(0).runs().get(0);
        assertThat(first.lines()).extracting(LogLine::seq).containsExactly(0L, 1L);
        assertThat(first.nextSeq()).as("the dropped line's number is a gap").isEqualTo(3);
        RunLogBatch second = master.logs.get(1).runs().get(0);
        assertThat(second.lines()).extracting(LogLine::seq).containsExactly(3L);
        assertThat(second.nextSeq()).isEqualTo(4);
        assertThat(shipper.droppedLines()).isEqualTo(1);
    }

    @Test
    void aLineForARunNotRunningHereGoesWithoutANumber() {
        shipper = shipper(100);
        shipper.write(NODE, RUN, LogLevel.INFO, "from a thread that outlived its run");
        shipper.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> master.logs.size() == 1);
        RunLogBatch batch = master.logs.get(0).runs().get(0);
        assertThat(batch.lines()).extracting(LogLine::seq).containsExactly((Long) null);
        assertThat(batch.nextSeq()).isNull();
    }

    private RunLogShipper shipper(int bufferLines) {
        return new RunLogShipper(
                master,
                bufferLines,
                Duration.ofMillis(5),
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(10)),
                new MutableClock());
    }
}
