package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.support.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator pauses a group on the groups page: a task of it that falls due meanwhile is not
 * claimed though its node keeps asking for work, and runs once the group is resumed; the audit
 * trail shows both actions. A VIEWER sees whether a group is paused but neither control.
 */
class GroupJourneyTest extends ConsoleBrowserTest {

    @Autowired
    TaskService tasks;

    @Autowired
    GroupService groups;

    @Test
    void aPausedGroupsDueTaskWaitsUntilTheGroupIsResumed() {
        long node = nodeId(startNode("payroll", "worker-1"));
        long group = groupId("payroll");
        signInAsOperator();

        open("/console/groups");
        GroupsPage page = new GroupsPage(this);
        assertThat(page.paused(group)).isEqualTo("no");
        assertThat(page.pauseConfirmed(group))
                .isEqualTo("Pause group \"payroll\"? No task of it is claimed until it is resumed.");
        assertThat(page.notice()).isEqualTo("Group paused: its tasks are not claimed until it is resumed.");
        picture("groups");
        assertThat(jdbc.queryForObject("SELECT paused FROM jm_group WHERE id = ?", Integer.class, group))
                .isOne();

        long task = tasks.insert(group, helloTask("salaries", null, "{}")).getId();
        assertThat(waitsUnclaimed(task, node).waitingFor())
                .isEqualTo("group " + group + " is paused; resume it (POST /api/groups/" + group + "/resume)");

        open("/console/groups");
        page = new GroupsPage(this);
        page.resume(group);
        assertThat(page.notice()).isEqualTo("Group resumed.");

        open("/console/tasks/" + task);
        new TaskPage(this).waitForRuns(1, "SUCCEEDED");

        open("/console/audit");
        List<String> actions = waitFor(d -> {
            List<String> shown = d.findElements(By.cssSelector("#audit-list tbody tr .action")).stream()
                    .map(WebElement::getText)
                    .toList();
            return shown.contains("POST /console/groups/{id}/resume") ? shown : null;
        });
        // Newest first; signing in is recorded too.
        assertThat(actions).containsSubsequence("POST /console/groups/{id}/resume", "POST /console/groups/{id}/pause");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_audit WHERE actor = ? AND target_type = 'GROUP' AND target_id = ?"
                                + " AND outcome = 200",
                        Long.class,
                        TestSecurity.OPERATOR,
                        group))
                .isEqualTo(2);
        picture("audit");
    }

    @Test
    void aViewerSeesWhetherAGroupIsPausedButNoControl() {
        long paused = groups.create("payroll").getId();
        long running = groups.create("reports").getId();
        groups.setPaused(paused, true);
        signIn(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);

        open("/console/groups");
        GroupsPage page = new GroupsPage(this);
        assertThat(page.paused(paused)).isEqualTo("yes");
        assertThat(page.paused(running)).isEqualTo("no");
        assertThat(page.hasControls()).as("a pause or resume control").isFalse();

        // The viewer's own session and a valid CSRF token: refused for the role alone.
        assertThat(fetch("POST", "/console/groups/" + paused + "/resume", "_csrf=" + csrfToken())
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT paused FROM jm_group WHERE id = ?", Integer.class, paused))
                .isOne();
    }
}
