package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.e2e.FireHistory.Fire;
import com.jm.job.master.e2e.FireHistory.Run;
import com.jm.job.master.support.TestSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sample worker app as its users run it ({@code java -jar jm-job-sample.jar}, with {@code
 * jm-job-xxl-job-compat} beside the starter) against a real master: its unchanged {@code @XxlJob}
 * method runs as a sharded task. Every shard reads the task's params and its own shard through
 * {@code XxlJobHelper}, its {@code XxlJobHelper.log} lines are the run's log on the master (once
 * each), a {@code handleFail} ends the run FAILED with its message, and the node listens on no port.
 */
class XxlJobSampleEndToEndTest {

    private static final String GROUP = "xxl-sample";
    private static final String HANDLER = "xxlShardedReport";

    @Test
    void theSamplesXxlJobMethodRunsAsAShardedTaskWithItsParamsShardsLogAndHandleFail() {
        try (MasterInstance master = MasterInstance.onFreshDatabase().start();
                ChildJvm sample = ChildJvm.jar("xxl-sample", sampleJar(), sampleArguments(master.url()))) {
            JdbcTemplate jdbc = master.jdbc();
            MasterApi api = new MasterApi(master.url());
            try {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> FireHistory.nodeIds(jdbc).containsKey("xxl-sample-1"));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the sample never registered; its output:\n" + sample.output(), e);
            }
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);

            long reports = api.insertTask(shardedTask(groupId, "xxl reports", 3, "day=2026-12-01"));
            Fire fire = awaitFire(jdbc, reports);

            assertThat(fire.state()).isEqualTo("SUCCEEDED");
            assertThat(fire.byShard().keySet()).containsExactly(0, 1, 2);
            fire.byShard().forEach((shard, runs) -> {
                Run run = runs.get(0);
                assertThat(runs).hasSize(1);
                assertThat(run.shardTotal()).isEqualTo(3);
                assertThat(run.state()).isEqualTo("SUCCEEDED");
                String ids = String.valueOf(idsOfShard(shard, 3));
                assertThat(run.message()).isEqualTo("shard " + shard + " of 3, param day=2026-12-01, ids " + ids);
                assertThat(awaitLog(api, run.id(), 2))
                        .containsExactly("shard " + shard + " of 3, param day=2026-12-01", "reported on ids " + ids);
            });

            long failing = api.insertTask(shardedTask(groupId, "xxl reports, refused", 2, "fail"));
            Fire failed = awaitFire(jdbc, failing);

            assertThat(failed.state()).isEqualTo("FAILED");
            assertThat(failed.runs()).hasSize(2).allSatisfy(run -> {
                assertThat(run.state()).isEqualTo("FAILED");
                assertThat(run.message())
                        .isEqualTo("shard " + run.shardIndex() + " of 2: the report source refused (param fail)");
                assertThat(awaitLog(api, run.id(), 1))
                        .containsExactly("shard " + run.shardIndex() + " of 2, param fail");
            });

            assertThat(ListeningSockets.ports(sample.handle()))
                    .as("ports the sample node listens on")
                    .isEmpty();
        }
    }

    private static Path sampleJar() {
        Path jar = Path.of(System.getProperty("jmjob.sample.jar", "missing"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no sample jar at " + jar + ": run `mvn verify` (or `package`), which"
                    + " builds jm-job-sample before this module's tests");
        }
        return jar;
    }

    private static List<String> sampleArguments(String masterUrl) {
        return List.of(
                "--jm.job.client.master-url=" + masterUrl,
                "--jm.job.client.token=" + TestSecurity.NODE_TOKEN,
                "--jm.job.client.group=" + GROUP,
                "--jm.job.client.instance=xxl-sample-1",
                "--jm.job.client.poll-wait=5s",
                "--jm.job.client.heartbeat-interval=1s",
                "--jm.job.client.backoff.initial=100ms",
                "--jm.job.client.backoff.max=500ms",
                "--spring.main.banner-mode=off");
    }

    /** A task of the sample's @XxlJob handler with no schedule (it runs once, at once). */
    private static Map<String, Object> shardedTask(long groupId, String name, int shards, String params) {
        return Map.of("name", name, "beanName", HANDLER, "groupId", groupId, "shards", shards, "params", params);
    }

    /** The task's only fire, once it ended. */
    private static Fire awaitFire(JdbcTemplate jdbc, long task) {
        await().atMost(Duration.ofSeconds(60)).until(() -> FireHistory.ended(jdbc, task) >= 1);
        List<Fire> fires = FireHistory.of(jdbc, task);
        assertThat(fires).hasSize(1);
        return fires.get(0);
    }

    /**
     * The texts of a run's log once it has at least {@code lines}: the node ships lines in
     * batches, so the last may land shortly after the run ended.
     */
    private static List<String> awaitLog(MasterApi api, long run, int lines) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> StreamSupport.stream(
                                        api.get("/api/runs/" + run + "/log")
                                                .get("lines")
                                                .spliterator(),
                                        false)
                                .map(line -> line.get("text").asString())
                                .toList(),
                        texts -> texts.size() >= lines);
    }

    /** The ids the sample's report covers in shard {@code index} of {@code total}: id % total == index. */
    private static List<Integer> idsOfShard(int index, int total) {
        return IntStream.rangeClosed(1, 20)
                .filter(id -> id % total == index)
                .boxed()
                .toList();
    }
}
