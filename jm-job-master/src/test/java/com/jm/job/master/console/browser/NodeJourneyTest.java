package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.service.NodeService;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator takes a group's only node out of service on the nodes page: a task due meanwhile
 * waits (the node keeps asking for work and is given none), and runs once the node is enabled
 * again. A VIEWER sees the node's state but neither control.
 */
class NodeJourneyTest extends ConsoleBrowserTest {

    @Autowired
    TaskService tasks;

    @Autowired
    NodeService nodes;

    @Test
    void aDisabledNodeGetsNoWorkUntilItIsEnabled() {
        long node = nodeId(startNode("imports", "worker-1"));
        long group = groupId("imports");
        signInAsOperator();

        open("/console/nodes");
        NodesPage page = new NodesPage(this).waitForNode(node);
        assertThat(page.isDisabled(node)).isFalse();
        assertThat(page.disableConfirmed(node))
                .isEqualTo("Disable node \"worker-1\"? It gets no new tasks; running ones finish.");
        assertThat(page.notice()).isEqualTo("Node disabled: it gets no new tasks.");
        assertThat(page.isDisabled(node)).isTrue();
        picture("nodes");
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_node WHERE id = ?", Integer.class, node))
                .isOne();

        long task = tasks.insert(group, helloTask("import", null, "{}")).getId();
        assertThat(waitsUnclaimed(task, node).waitingFor()).isEqualTo("no enabled, online node in group " + group);

        open("/console/nodes");
        page = new NodesPage(this);
        page.enable(node);
        assertThat(page.notice()).isEqualTo("Node enabled.");
        assertThat(page.isDisabled(node)).isFalse();

        open("/console/tasks/" + task);
        new TaskPage(this).waitForRuns(1, "SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT node_id FROM jm_task_run WHERE task_id = ?", Long.class, task))
                .isEqualTo(node);
    }

    @Test
    void aViewerSeesTheStateButNoControl() {
        long node = nodeId(startNode("imports", "worker-1"));
        long other = nodeId(startNode("imports", "worker-2"));
        nodes.setDisabled(node, true);
        signIn(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);

        open("/console/nodes");
        NodesPage page = new NodesPage(this).waitForNode(node).waitForNode(other);
        assertThat(page.isDisabled(node)).isTrue();
        assertThat(page.isDisabled(other)).isFalse();
        assertThat(page.hasControls()).as("a disable or enable control").isFalse();

        // The viewer's own session and a valid CSRF token: refused for the role alone.
        assertThat(fetch("POST", "/console/nodes/" + node + "/enable", "_csrf=" + csrfToken())
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_node WHERE id = ?", Integer.class, node))
                .isOne();
    }
}
