package com.jm.job.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.common.protocol.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobContextTest {

    @Test
    void theBuildersDefaultsAreAnOrdinaryFirstRunThatIsNeverCancelled() {
        JobContext context = JobContext.builder().build();

        assertThat(context.attempt()).isEqualTo(1);
        assertThat(context.shardIndex()).isZero();
        assertThat(context.shardTotal()).isEqualTo(1);
        assertThat(context.shardParam()).isNull();
        assertThat(context.params()).isNull();
        assertThat(context.isCancelled()).isFalse();
        assertThat(context.leaseDeadline()).isEqualTo(Instant.MAX);
    }

    @Test
    void theBuilderSetsEveryValue() {
        Instant deadline = Instant.parse("2026-12-01T10:00:00Z");

        JobContext context = JobContext.builder()
                .taskId(4)
                .runId(40)
                .taskName("report")
                .params("{}")
                .attempt(2)
                .shard(1, 4, "eu")
                .cancelled(() -> true)
                .leaseDeadline(() -> deadline)
                .build();

        assertThat(context)
                .extracting(
                        JobContext::taskId,
                        JobContext::runId,
                        JobContext::fencingToken,
                        JobContext::taskName,
                        JobContext::params,
                        JobContext::attempt,
                        JobContext::shardIndex,
                        JobContext::shardTotal,
                        JobContext::shardParam,
                        JobContext::isCancelled,
                        JobContext::leaseDeadline)
                .containsExactly(4L, 40L, 40L, "report", "{}", 2, 1, 4, "eu", true, deadline);
        assertThat(context).hasToString("JobContext[task 4 'report', run 40, attempt 2, shard 1 of 4]");
    }

    @Test
    void theConstructorsMakeOrdinaryRuns() {
        JobContext context = new JobContext(1, 2, "demo", "x", 3, () -> false);

        assertThat(context.shardIndex()).isZero();
        assertThat(context.shardTotal()).isEqualTo(1);
        assertThat(context.shardParam()).isNull();
        assertThat(context).hasToString("JobContext[task 1 'demo', run 2, attempt 3]");
    }

    @Test
    void aShardOutsideItsTotalIsRefused() {
        assertThatThrownBy(() -> JobContext.builder().shard(3, 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard index 3 of 3");
        assertThatThrownBy(() -> JobContext.builder().shard(-1, 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard index -1 of 3");
        assertThatThrownBy(() -> JobContext.builder().shard(0, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThat(JobContext.builder().shard(2, 3, null).build().shardIndex()).isEqualTo(2);
    }

    @Test
    void aMissingCancellationSignalIsRefused() {
        assertThatThrownBy(() -> new JobContext(1, 2, "demo", null, 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHandlerTestSeesTheLinesItsHandlerLogsAndAContextByHandDiscardsThem() {
        List<String> lines = new ArrayList<>();
        JobContext context = JobContext.builder()
                .logSink((level, text) -> lines.add(level + " " + text))
                .build();

        context.log("{} of {}", 1, 2);
        context.log(LogLevel.DEBUG, "no placeholders");
        new JobContext(1, 2, "demo", null, 1, () -> false).log("goes nowhere");

        assertThat(lines).containsExactly("INFO 1 of 2", "DEBUG no placeholders");
    }
}
