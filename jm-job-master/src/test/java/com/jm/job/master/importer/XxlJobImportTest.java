package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.support.MariaDbTest;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The import against a real XXL-JOB schema on MariaDB, with a job of every kind it reads, into the
 * master's real database.
 */
@SpringBootTest(classes = JmJobMasterApplication.class)
class XxlJobImportTest extends MariaDbTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    XxlJobImport importer;

    @Autowired
    TaskService taskService;

    @BeforeEach
    void empty() {
        clean();
    }

    /** An executor with a job of every kind the import reads, and one of another executor. */
    static XxlJobDatabase everyKind() {
        return XxlJobDatabase.create()
                .group(1, "xxl-job-executor-sample", "Sample")
                .group(2, "report-executor", "Reports")
                .job(
                        1,
                        Map.of(
                                "job_desc", "third Friday report",
                                "schedule_type", "CRON",
                                "schedule_conf", "0 0 10 ? * 6#3",
                                "executor_param", "day=1",
                                "executor_timeout", 30,
                                "executor_fail_retry_count", 2,
                                "child_jobid", "2"))
                .job(
                        2,
                        Map.of(
                                "job_group", 2,
                                "job_desc", "sharded sync",
                                "schedule_conf", "60",
                                "executor_route_strategy", "SHARDING_BROADCAST",
                                "executor_handler", "shardingJobHandler",
                                "executor_block_strategy", "DISCARD_LATER",
                                "trigger_status", 0))
                .job(
                        3,
                        Map.of(
                                "job_desc", "by hand",
                                "schedule_type", "NONE",
                                "schedule_conf", "",
                                "executor_handler", "manualJob",
                                "executor_block_strategy", "COVER_EARLY"))
                .job(4, Map.of("job_desc", "groovy", "glue_type", "GLUE_GROOVY", "executor_handler", ""))
                .job(
                        5,
                        Map.of(
                                "job_desc", "nightly",
                                "schedule_type", "CRON",
                                "schedule_conf", "0 0 0 * * ? *",
                                "misfire_strategy", "FIRE_ONCE_NOW",
                                "child_jobid", "4"));
    }

    @Test
    void aDryRunSaysWhatEachJobBecomesAndWhatCannotBeCarriedOverAndWritesNothing() {
        XxlJobSnapshot source = everyKind().read();

        ImportPlan plan = importer.dryRun(source, SHANGHAI);

        String report = plan.report();
        assertThat(report)
                .contains("xxl-job #1 \"third Friday report\" -> new task \"third Friday report [xxl-job #1]\" in group"
                        + " xxl-job-executor-sample: beanName demoJobHandler, cron '0 0 10 ? * 6#3' (QUARTZ, Asia/Shanghai),"
                        + " params 'day=1', mode SINGLE, overlap QUEUE, retries 2, timeout 30 s, children xxl-job [2],"
                        + " enabled")
                .contains("xxl-job #2 \"sharded sync\" -> new task \"sharded sync [xxl-job #2]\" in group"
                        + " report-executor: beanName shardingJobHandler, fixedRate PT1M, mode BROADCAST, overlap"
                        + " SKIP, retries 0, disabled")
                .contains("xxl-job #3 \"by hand\" -> new task")
                .contains("schedule NONE")
                .contains("block COVER_EARLY")
                .contains("xxl-job #4 \"groovy\" -> not carried over: a GLUE job (GLUE_GROOVY)")
                .contains("child xxl-job #4 is not carried over, so this task will not fire it")
                .contains("misfire DO_NOTHING")
                .endsWith("DRY RUN: 4 to create, 0 already imported, 1 not carried over, 0 bad rows; nothing was"
                        + " written\n");
        NothingWritten.in(jdbc);
    }

    @Test
    void anImportCreatesTheGroupsAndTasksAndASecondCreatesNothingNew() {
        XxlJobSnapshot source = everyKind().read();

        ImportPlan done = importer.apply(source, SHANGHAI);

        assertThat(done.count(JobPlan.Kind.CREATE)).isEqualTo(4);
        Map<String, Long> ids = taskIds(done);
        TaskRecord report = taskService.get(ids.get("1"));
        TaskRecord sync = taskService.get(ids.get("2"));
        TaskRecord byHand = taskService.get(ids.get("3"));
        TaskRecord nightly = taskService.get(ids.get("5"));
        assertThat(report.getName()).isEqualTo("third Friday report [xxl-job #1]");
        assertThat(report.getBeanName()).isEqualTo("demoJobHandler");
        assertThat(report.getCron()).isEqualTo("0 0 10 ? * 6#3");
        assertThat(report.getCronFlavour()).isEqualTo(CronFlavour.QUARTZ);
        assertThat(report.getNextFireTime())
                .as("the third Friday at 10:00 in Shanghai, 02:00 UTC")
                .matches(t -> t.getHour() == 2 && t.getDayOfWeek() == java.time.DayOfWeek.FRIDAY)
                .matches(t -> (t.getDayOfMonth() - 1) / 7 == 2);
        assertThat(report.getCronZone()).isEqualTo("Asia/Shanghai");
        assertThat(report.getParams()).isEqualTo("day=1");
        assertThat(report.getTimeoutS()).isEqualTo(30);
        assertThat(report.isRetry()).isTrue();
        assertThat(report.getMaxRetries()).isEqualTo(2);
        assertThat(report.getOverlapPolicy()).isEqualTo(OverlapPolicy.QUEUE);
        assertThat(report.getChildTaskIds()).containsExactly(sync.getId());
        assertThat(report.isDisable()).isFalse();
        assertThat(sync.getRunMode()).isEqualTo(RunMode.BROADCAST);
        assertThat(sync.getFixedRateMs()).isEqualTo(60_000L);
        assertThat(sync.getOverlapPolicy()).isEqualTo(OverlapPolicy.SKIP);
        assertThat(sync.isDisable()).isTrue();
        assertThat(byHand.isDisable()).isTrue();
        assertThat(byHand.getCron()).isNull();
        assertThat(byHand.getFixedRateMs()).isNull();
        assertThat(nightly.getCron()).isEqualTo("0 0 0 * * ? *");
        assertThat(nightly.getChildTaskIds()).isEmpty();
        assertThat(jdbc.queryForList("SELECT name FROM jm_group ORDER BY name", String.class))
                .containsExactly("report-executor", "xxl-job-executor-sample");
        assertThat(jdbc.queryForObject(
                        "SELECT g.name FROM jm_task t JOIN jm_group g ON g.id = t.group_id WHERE t.id = ?",
                        String.class,
                        sync.getId()))
                .isEqualTo("report-executor");

        ImportPlan again = importer.apply(source, SHANGHAI);

        assertThat(again.count(JobPlan.Kind.CREATE)).isZero();
        assertThat(again.count(JobPlan.Kind.EXISTS)).isEqualTo(4);
        assertThat(taskIds(again)).isEqualTo(ids);
        assertThat(again.report()).contains("already imported as task " + report.getId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .isEqualTo(2);
    }

    @Test
    void aSourceWithBadRowsIsReportedAndNothingIsWritten() {
        XxlJobSnapshot source = XxlJobDatabase.create()
                .group(1, "xxl-job-executor-sample", "Sample")
                .job(1, Map.of("job_desc", "fine"))
                .job(2, Map.of("job_desc", "weekly", "schedule_type", "WEEKLY"))
                .job(3, Map.of("job_desc", "no handler", "executor_handler", ""))
                .job(4, Map.of("job_desc", "orphan parent", "child_jobid", "99"))
                .job(5, Map.of("job_desc", "lost executor", "job_group", 7))
                .job(6, Map.of("job_desc", "in 2020", "schedule_type", "CRON", "schedule_conf", "0 0 0 1 1 ? 2020"))
                .read();

        assertThatThrownBy(() -> importer.apply(source, SHANGHAI))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> {
                    assertThat(e.plan().jobs())
                            .extracting(JobPlan::kind)
                            .containsExactly(
                                    JobPlan.Kind.CREATE,
                                    JobPlan.Kind.ERROR,
                                    JobPlan.Kind.ERROR,
                                    JobPlan.Kind.ERROR,
                                    JobPlan.Kind.ERROR,
                                    JobPlan.Kind.ERROR);
                    assertThat(e.plan().report())
                            .contains("xxl-job #2 \"weekly\" -> BAD ROW: unknown schedule type 'WEEKLY'")
                            .contains("xxl-job #3 \"no handler\" -> BAD ROW: no executor handler (JobHandler) is set")
                            .contains("xxl-job #4 \"orphan parent\" -> BAD ROW: child job 99 is not in xxl_job_info")
                            .contains("xxl-job #5 \"lost executor\" -> BAD ROW: its executor (job_group 7)")
                            .contains("xxl-job #6 \"in 2020\" -> BAD ROW: cron '0 0 0 1 1 ? 2020' never fires again")
                            .contains("REFUSED: 1 to create, 0 already imported, 0 not carried over, 5 bad rows");
                });
        NothingWritten.in(jdbc);
    }

    @Test
    void twoImportsAtOnceCreateEachTaskOnce() throws Exception {
        XxlJobSnapshot source = everyKind().read();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<ImportPlan> importing = () -> {
            start.await(10, TimeUnit.SECONDS);
            return importer.apply(source, SHANGHAI);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<ImportPlan> first = threads.submit(importing);
            Future<ImportPlan> second = threads.submit(importing);
            List<ImportPlan> plans = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

            assertThat(plans).extracting(p -> p.count(JobPlan.Kind.CREATE)).containsExactlyInAnyOrder(4L, 0L);
            assertThat(plans).extracting(p -> p.count(JobPlan.Kind.EXISTS)).containsExactlyInAnyOrder(0L, 4L);
            assertThat(taskIds(plans.get(0))).isEqualTo(taskIds(plans.get(1)));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                    .isEqualTo(4);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                    .isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, Long> taskIds(ImportPlan plan) {
        return plan.jobs().stream()
                .filter(j -> j.taskId() != null)
                .collect(java.util.stream.Collectors.toMap(JobPlan::key, JobPlan::taskId));
    }
}
