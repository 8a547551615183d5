package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.support.MariaDbTest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The import of Quartz JDBC job stores that Quartz itself wrote on MariaDB ({@link QuartzStores}),
 * into the master's real database.
 */
@SpringBootTest(classes = JmJobMasterApplication.class)
class QuartzImportTest extends MariaDbTest {

    private static final String JOBS = QuartzJobs.class.getName();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    QuartzImport importer;

    @Autowired
    TaskService taskService;

    @BeforeEach
    void empty() {
        clean();
    }

    /** The sync job runs on a handler of another name; the rest by default. */
    static QuartzImport.Options options(String group) {
        return new QuartzImport.Options(
                group, QuartzHandlers.of(List.of(JOBS + "$SyncJob=billingSync"), null, false), SHANGHAI);
    }

    @Test
    void aDryRunShowsWhatEachTriggerBecomesWithItsHandlerAndWritesNothing() {
        QuartzSnapshot source = QuartzStores.everyKind().read();

        ImportPlan plan = importer.dryRun(source, options("reports"));

        assertThat(plan.report())
                .contains("quartz trigger reports.thirdFriday (job reports.nightlyReport) -> new task \"nightlyReport"
                        + " [quartz reports/reports.thirdFriday]\" in group reports: beanName"
                        + " quartzJobs.NightlyReportJob, cron '0 0 10 ? * 6#3' (QUARTZ, Asia/Shanghai), params"
                        + " '{\"day\":\"1\",\"region\":\"eu\"}', mode SINGLE, overlap SKIP, retries 0, enabled")
                .contains("note: job class " + JOBS + "$NightlyReportJob -> beanName quartzJobs.NightlyReportJob (by"
                        + " default: the class's simple name; --handler-map to change)")
                .contains("misfire DO_NOTHING")
                .contains("quartz trigger reports.nightly (job reports.nightlyReport) -> new task")
                .contains("cron '0 0 0 * * ? *' (QUARTZ, UTC)")
                .contains("paused in Quartz (PAUSED): imported disabled")
                .contains("quartz trigger billing.every30s (job billing.sync) -> new task \"sync [quartz"
                        + " reports/billing.every30s]\" in group reports: beanName billingSync, fixedRate PT30S from"
                        + " 2030-01-01T00:00:00Z, mode SINGLE, overlap QUEUE, retries 0, enabled")
                .contains("note: job class " + JOBS + "$SyncJob -> beanName billingSync (--handler-map)")
                .contains("@PersistJobDataAfterExecution")
                .contains("requests recovery")
                .contains("quartz trigger billing.onceAt (job billing.cleanup) -> new task \"cleanup [quartz"
                        + " reports/billing.onceAt]\" in group reports: beanName quartzJobs.CleanupJob, once at"
                        + " 2030-01-01T00:00:00Z")
                .contains("quartz trigger billing.thrice (job billing.thrice) -> not carried over: repeats 3 times (4"
                        + " fires left)")
                .contains("quartz trigger reports.workdays (job reports.workdays) -> not carried over: it skips the"
                        + " times of Quartz calendar 'holidays'")
                .contains("quartz trigger paused.weekdays (job reports.weekly) -> new task")
                .contains("cron '0 30 9 ? * 2-6' (QUARTZ, UTC)")
                .contains("its trigger group paused is paused in Quartz: imported disabled")
                .contains("quartz job ops.byHand (no trigger) -> new task \"byHand [quartz reports/job ops.byHand]\" in"
                        + " group reports: beanName quartzJobs.CleanupJob, no schedule, params '{\"scope\":\"all\"}'")
                .contains("no trigger (runs only when triggered)")
                .endsWith("DRY RUN: 6 to create, 0 already imported, 2 not carried over, 0 bad rows; nothing was"
                        + " written\n");
        NothingWritten.in(jdbc);
    }

    @Test
    void anImportCreatesATaskPerTriggerAndASecondCreatesNothingNew() {
        QuartzSnapshot source = QuartzStores.everyKind().read();

        ImportPlan done = importer.apply(source, options("reports"));

        Map<String, Long> ids = taskIds(done);
        assertThat(ids)
                .containsOnlyKeys(
                        "trigger reports.thirdFriday",
                        "trigger reports.nightly",
                        "trigger billing.every30s",
                        "trigger billing.onceAt",
                        "trigger paused.weekdays",
                        "job ops.byHand");
        TaskRecord thirdFriday = taskService.get(ids.get("trigger reports.thirdFriday"));
        assertThat(thirdFriday.getBeanName()).isEqualTo("quartzJobs.NightlyReportJob");
        assertThat(thirdFriday.getCron()).isEqualTo("0 0 10 ? * 6#3");
        assertThat(thirdFriday.getCronFlavour()).isEqualTo(CronFlavour.QUARTZ);
        assertThat(thirdFriday.getCronZone()).isEqualTo("Asia/Shanghai");
        assertThat(thirdFriday.getParams()).isEqualTo("{\"day\":\"1\",\"region\":\"eu\"}");
        assertThat(thirdFriday.getOverlapPolicy()).isEqualTo(OverlapPolicy.SKIP);
        assertThat(thirdFriday.isRetry()).isFalse();
        assertThat(thirdFriday.isDisable()).isFalse();
        assertThat(thirdFriday.getNextFireTime())
                .as("the third Friday at 10:00 in Shanghai, 02:00 UTC")
                .matches(t -> t.getHour() == 2 && t.getDayOfWeek() == java.time.DayOfWeek.FRIDAY)
                .matches(t -> (t.getDayOfMonth() - 1) / 7 == 2);
        TaskRecord nightly = taskService.get(ids.get("trigger reports.nightly"));
        assertThat(nightly.getCron()).isEqualTo("0 0 0 * * ? *");
        assertThat(nightly.getParams()).isEqualTo("{\"day\":\"1\"}");
        assertThat(nightly.isDisable()).isTrue();
        TaskRecord sync = taskService.get(ids.get("trigger billing.every30s"));
        assertThat(sync.getBeanName()).isEqualTo("billingSync");
        assertThat(sync.getFixedRateMs()).isEqualTo(30_000L);
        assertThat(sync.getRunAt()).isEqualTo(LocalDateTime.parse("2030-01-01T00:00"));
        assertThat(sync.getOverlapPolicy()).isEqualTo(OverlapPolicy.QUEUE);
        assertThat(sync.getParams()).isNull();
        assertThat(sync.isDisable()).isFalse();
        TaskRecord once = taskService.get(ids.get("trigger billing.onceAt"));
        assertThat(once.getRunAt()).isEqualTo(LocalDateTime.parse("2030-01-01T00:00"));
        assertThat(once.getFixedRateMs()).isNull();
        assertThat(once.getCron()).isNull();
        assertThat(once.getNextFireTime()).isEqualTo(LocalDateTime.parse("2030-01-01T00:00"));
        assertThat(taskService.get(ids.get("trigger paused.weekdays")).isDisable())
                .isTrue();
        TaskRecord byHand = taskService.get(ids.get("job ops.byHand"));
        assertThat(byHand.isDisable()).isTrue();
        assertThat(byHand.getParams()).isEqualTo("{\"scope\":\"all\"}");
        assertThat(jdbc.queryForList("SELECT name FROM jm_group", String.class)).containsExactly("reports");

        ImportPlan again = importer.apply(source, options("reports"));

        assertThat(again.count(JobPlan.Kind.CREATE)).isZero();
        assertThat(again.count(JobPlan.Kind.EXISTS)).isEqualTo(6);
        assertThat(taskIds(again)).isEqualTo(ids);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isEqualTo(6);
    }

    @Test
    void aSerializedDataMapIsReadWithoutDeserializingAndAHostileOneIsReportedNotLoaded() {
        int before = QuartzJobs.Detonator.DESERIALIZED.get();
        QuartzSnapshot source = QuartzStores.serialized().read();

        ImportPlan done = importer.apply(source, options("legacy"));

        assertThat(QuartzJobs.Detonator.DESERIALIZED.get())
                .as("the planted object's readObject ran")
                .isEqualTo(before);
        Map<String, JobPlan> byKey = done.jobs().stream().collect(Collectors.toMap(JobPlan::key, j -> j));
        assertThat(taskService.get(byKey.get("trigger legacy.typed").taskId()).getParams())
                .isEqualTo("{\"day\":\"1\",\"flag\":true,\"n\":5}");
        assertThat(taskService.get(byKey.get("trigger legacy.plain").taskId()).getParams())
                .isNull();
        assertThat(byKey.get("trigger legacy.hostile").kind()).isEqualTo(JobPlan.Kind.NOT_CARRIED);
        assertThat(byKey.get("trigger legacy.hostile").reason())
                .contains("holds an object of class " + JOBS + "$Detonator, which the import does not read")
                .contains("set org.quartz.jobStore.useProperties=true");
        assertThat(byKey.get("trigger legacy.dated").reason()).contains("holds an object of class java.util.Date");
        assertThat(done.summary()).startsWith("IMPORTED: 2 to create, 0 already imported, 2 not carried over");
    }

    @Test
    void aSourceWithBadRowsIsReportedAndNothingIsWritten() {
        QuartzSnapshot source = QuartzStores.badRows().read();
        QuartzImport.Options strict = new QuartzImport.Options(
                "bad", QuartzHandlers.of(List.of(JOBS + "$NightlyReportJob=report"), null, true), SHANGHAI);

        assertThatThrownBy(() -> importer.apply(source, strict))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(
                                e.plan().report())
                        .contains("quartz trigger DEFAULT.daytime (job DEFAULT.daytime) -> BAD ROW: a"
                                + " DailyTimeIntervalTrigger (DAILY_I): the import reads CRON and SIMPLE triggers only")
                        .contains("quartz trigger DEFAULT.monthly (job DEFAULT.monthly) -> BAD ROW: a"
                                + " CalendarIntervalTrigger (CAL_INT)")
                        .contains("quartz trigger legacy.unmapped (job DEFAULT.unmapped) -> BAD ROW: its job class "
                                + JOBS + "$CleanupJob is not in the handler map (--require-handler-map)")
                        .contains("quartz trigger DEFAULT.pastYears (job DEFAULT.pastYears) -> BAD ROW: cron '0 0 0 1"
                                + " 1 ? 2020' never fires again")
                        .contains("quartz trigger legacy.fine (job DEFAULT.fine) -> new task")
                        .contains("REFUSED: 1 to create, 0 already imported, 0 not carried over, 4 bad rows"));
        NothingWritten.in(jdbc);
    }

    @Test
    void aCustomPrefixInLowerCaseIsReadAndASchedulerMustBeChosenWhenThereAreSeveral() {
        QuartzDatabase store = QuartzDatabase.create("SCHED_");
        for (String scheduler : List.of("alpha", "beta")) {
            QuartzStores.written(
                    store,
                    scheduler,
                    true,
                    s -> s.scheduleJob(
                            org.quartz.JobBuilder.newJob(QuartzJobs.CleanupJob.class)
                                    .withIdentity(scheduler + "Job")
                                    .build(),
                            org.quartz.TriggerBuilder.newTrigger()
                                    .withIdentity(scheduler + "Trigger")
                                    .withSchedule(org.quartz.CronScheduleBuilder.cronSchedule("0 0 3 * * ?"))
                                    .build()));
        }
        store.lowerCaseTableNames();

        assertThatThrownBy(store::read)
                .isInstanceOf(RefusedSourceException.class)
                .hasMessage("the job store holds the schedulers alpha, beta: choose one with --sched-name");
        QuartzSnapshot beta = store.read("beta");
        assertThat(beta.scheduler()).isEqualTo("beta");
        assertThat(beta.triggers()).extracting(QuartzSnapshot.Trigger::name).containsExactly("betaTrigger");
        assertThat(beta.jobs()).extracting(QuartzSnapshot.Job::name).containsExactly("betaJob");
        assertThatThrownBy(() -> store.read("gamma"))
                .hasMessage("the job store has no scheduler 'gamma'; it has alpha, beta");
        assertThatThrownBy(() -> QuartzSource.read(
                        SourceUrl.parse(store.url()),
                        com.jm.job.master.support.TestDatabases.server().user(),
                        com.jm.job.master.support.TestDatabases.server().password(),
                        "QRTZ_",
                        null))
                .hasMessageContaining("it has no table QRTZ_JOB_DETAILS, QRTZ_TRIGGERS")
                .hasMessageContaining("--table-prefix");
    }

    private static Map<String, Long> taskIds(ImportPlan plan) {
        return plan.jobs().stream()
                .filter(j -> j.taskId() != null)
                .collect(Collectors.toMap(JobPlan::key, JobPlan::taskId));
    }
}
