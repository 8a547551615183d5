package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An operator's day in the console, in a real browser: sign in, create a task for the sample's
 * handler, watch its run succeed and read its log, trigger it with parameters, see both runs in
 * the list and on the dashboard, disable it and see it leave the queue.
 */
class OperatorJourneyTest extends ConsoleBrowserTest {

    @Test
    void createWatchTriggerAndDisableATask() {
        startNode("sample", "worker-1");
        groupId("sample");
        openLogin();
        picture("login");
        signInAsOperator();

        find(By.id("nav-tasks")).click();
        find(By.id("new-task")).click();
        TaskFormPage form = new TaskFormPage(this)
                .type("name", "hello")
                .type("beanName", "helloJob")
                .group("sample")
                .type("params", "{\"who\":\"world\"}");
        picture("task-form");
        TaskPage task = form.save();
        assertThat(task.name()).isEqualTo("hello");
        long id = task.id();

        task.waitForRuns(1, "SUCCEEDED");
        assertThat(task.latestRun("message")).isEqualTo("said hello to {\"who\":\"world\"}");
        RunPage run = task.openLatestRun();
        assertThat(run.state()).isEqualTo("SUCCEEDED");
        assertThat(run.waitForLines(1).get(0)).endsWith("params: {\"who\":\"world\"}");
        picture("run");

        find(By.id("run-task")).click();
        task = new TaskPage(this);
        task.trigger("{\"day\":\"2026-12-01\"}");
        task.waitForRuns(2, "SUCCEEDED");
        assertThat(task.latestRun("run-params")).isEqualTo("{\"day\":\"2026-12-01\"}");
        assertThat(task.latestRun("message")).isEqualTo("said hello to {\"day\":\"2026-12-01\"}");
        picture("task");

        // The list and the dashboard count both runs.
        open("/console/tasks");
        waitForText(By.cssSelector("#task-" + id + " .task-name"), "hello");
        picture("tasks");
        open("/console");
        waitFor(d -> d.findElement(By.id("activity-summary")).getText().startsWith("2 runs ended, 0 failed"));
        picture("dashboard");

        open("/console/tasks/" + id);
        task = new TaskPage(this);

        assertThat(task.disableConfirmed()).contains("hello");
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, id))
                .isEqualTo(1);
        // Out of the queue: a trigger is refused with the service's reason, and no run starts.
        task.trigger("{}");
        assertThat(find(By.id("problem")).getText()).contains("is disabled");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE task_id = ?", Long.class, id))
                .isEqualTo(2);
        open("/console/tasks?disabled=false");
        assertThat(findAll(By.id("task-" + id))).isEmpty();
        open("/console/tasks?disabled=true");
        assertThat(textOf(By.cssSelector("#task-" + id + " .task-name"))).isEqualTo("hello");
    }
}
