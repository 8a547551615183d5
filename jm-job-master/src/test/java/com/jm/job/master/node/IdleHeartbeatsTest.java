package com.jm.job.master.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * Heartbeats of nodes that run nothing are written together by the flush, those that name runs at
 * once, and a flush never brings a stopped node back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class IdleHeartbeatsTest extends RegisteredNodeTest {

    @Autowired
    IdleHeartbeats idle;

    @Test
    void anIdleHeartbeatIsWrittenByTheNextFlush() throws Exception {
        backdate(nodeId);
        long second = nodes.register(GROUP, "n2", "10.1.2.4").get("nodeId").asLong();
        backdate(second);
        nodes.heartbeat(nodeId, List.of());
        nodes.heartbeat(second, List.of());
        idle.flush();
        assertThat(minutesSinceHeartbeat(nodeId)).isZero();
        assertThat(minutesSinceHeartbeat(second)).isZero();
    }

    @Test
    void theFlushLoopWritesThemWithoutBeingAsked() throws Exception {
        backdate(nodeId);
        nodes.heartbeat(nodeId, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> minutesSinceHeartbeat(nodeId) == 0);
    }

    @Test
    void aHeartbeatNamingRunsIsWrittenAtOnce() throws Exception {
        backdate(nodeId);
        nodes.heartbeat(nodeId, List.of(987654L));
        assertThat(minutesSinceHeartbeat(nodeId)).isZero();
    }

    @Test
    void aFlushLeavesAStoppedNodeStopped() throws Exception {
        backdate(nodeId);
        nodes.heartbeat(nodeId, List.of()); // heard, not yet written
        nodes.call(NodeApi.DEREGISTER, Map.of("nodeId", nodeId));
        idle.flush();
        assertThat(minutesSinceHeartbeat(nodeId)).as("not touched once stopped").isGreaterThanOrEqualTo(59);
        assertThat(jdbc.queryForObject(
                        "SELECT stopped_at IS NOT NULL FROM jm_node WHERE id = ?", Boolean.class, nodeId))
                .isTrue();
    }

    private void backdate(long node) {
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = NOW(3) - INTERVAL 1 HOUR WHERE id = ?", node);
    }

    private long minutesSinceHeartbeat(long node) {
        return jdbc.queryForObject(
                "SELECT TIMESTAMPDIFF(MINUTE, last_heartbeat_at, NOW(3)) FROM jm_node WHERE id = ?", Long.class, node);
    }
}
