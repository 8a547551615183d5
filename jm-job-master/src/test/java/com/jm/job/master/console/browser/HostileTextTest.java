package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobResult;
import com.jm.job.master.service.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Markup in anything a user or a node supplies (task names, params, run messages, log lines, node
 * and group names) is shown as the text it is on every page: no script runs (no alert opens, the
 * page's own flag stays unset), no element is made of it, and the text reads back literally.
 */
class HostileTextTest extends ConsoleBrowserTest {

    static final String SCRIPT = "<script>window.__jmjobXss=1;alert('name')</script>";
    static final String IMAGE = "<img src=x onerror=\"window.__jmjobXss=2;alert('params')\">";
    static final String SVG = "<svg onload=alert('message')>";
    static final String LOG = "</pre><script>alert('log')</script><b>bold</b>";
    static final String NODE = "<img src=y onerror=alert('node')>";
    static final String GROUP = "\"><script>alert('group')</script>";

    @Autowired
    TaskService tasks;

    @Test
    void hostileTextStaysText() {
        startNode(GROUP, NODE, context -> {
            context.log(LOG);
            return JobResult.failure(SVG);
        });
        long group = groupId(GROUP);
        long taskId = tasks.insert(group, helloTask(SCRIPT, null, IMAGE)).getId();
        signInAsOperator();

        open("/console/tasks/" + taskId);
        TaskPage task = new TaskPage(this);
        task.waitForRuns(1, "FAILED");
        assertThat(task.name()).isEqualTo(SCRIPT);
        assertThat(textOf(By.id("task-params"))).isEqualTo(IMAGE);
        assertThat(task.latestRun("message")).isEqualTo(SVG);
        assertInert();

        RunPage run = task.openLatestRun();
        assertThat(run.waitForLines(1)).containsExactly(LOG);
        assertThat(run.message()).isEqualTo(SVG);
        assertInert();

        open("/console");
        waitForText(By.cssSelector("#failures .message"), SVG);
        assertThat(textOf(By.cssSelector("#group-" + group + " a"))).isEqualTo(GROUP);
        assertInert();

        open("/console/tasks");
        waitForText(By.cssSelector("#task-" + taskId + " .task-name"), SCRIPT);
        assertInert();

        open("/console/nodes");
        waitForText(By.cssSelector("#node-list .node-instance"), NODE);
        assertInert();

        open("/console/groups");
        waitForText(By.cssSelector("#group-" + group + " .group-name"), GROUP);
        assertInert();

        // The disable confirmation quotes the name as text too.
        open("/console/tasks/" + taskId);
        assertThat(new TaskPage(this).disableConfirmed()).contains(SCRIPT);
        assertInert();
    }

    /** No alert is open, no script of the page's content ran, and no element came from the text. */
    private void assertInert() {
        assertThat(alertOpen()).as("an alert opened").isFalse();
        assertThat(browser.driver.executeScript("return window.__jmjobXss === undefined"))
                .isEqualTo(true);
        assertThat(findAll(By.cssSelector("main script, main img, main svg:not(#activity-chart), main b")))
                .isEmpty();
    }
}
