package com.jm.job.master.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Which groups the NO_NODE alarm finds without a node, and since when: a disabled node takes no
 * work, so it does not count as online even while it keeps its heartbeat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GroupsWithoutNodesTest extends MariaDbTest {

    private static final long OFFLINE_AFTER_MS = 30_000;

    @Autowired
    AlarmMapper alarms;

    @Autowired
    NodeMapper nodes;

    @Autowired
    GroupMapper groups;

    long groupId;

    @BeforeEach
    void setUp() {
        clean();
        groupId = Fixtures.group(groups).getId();
    }

    @Test
    void aDisabledNodeThatKeepsItsHeartbeatLeavesItsGroupWithoutNodesSinceItsDisable() {
        long node = node("a");
        assertThat(silence()).as("one enabled node with a fresh heartbeat").isEmpty();

        nodes.setDisabled(node, true);
        LocalDateTime disabledAt = disabledAt(node);
        assertThat(disabledAt).isNotNull();
        heartbeat(node); // the node is still alive and says so
        assertThat(silence()).hasValueSatisfying(s -> assertThat(s.getLastSeen())
                .as("since the disable, not since the latest heartbeat")
                .isEqualTo(disabledAt));

        nodes.setDisabled(node, true);
        assertThat(disabledAt(node))
                .as("a second disable keeps the first one's time")
                .isEqualTo(disabledAt);

        nodes.setDisabled(node, false);
        assertThat(disabledAt(node)).isNull();
        assertThat(silence()).as("enabled again, heartbeat fresh").isEmpty();
    }

    @Test
    void aNodeThatWentQuietBeforeItsDisableCountsFromItsLastHeartbeat() {
        long node = node("quiet");
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = TIMESTAMPADD(MINUTE, -10, NOW(3)) WHERE id = ?", node);
        nodes.setDisabled(node, true);
        LocalDateTime heartbeat =
                jdbc.queryForObject("SELECT last_heartbeat_at FROM jm_node WHERE id = ?", LocalDateTime.class, node);

        assertThat(silence())
                .hasValueSatisfying(s -> assertThat(s.getLastSeen()).isEqualTo(heartbeat));
    }

    @Test
    void anotherEnabledNodeKeepsTheGroupOnline() {
        nodes.setDisabled(node("disabled"), true);
        node("enabled");

        assertThat(silence()).isEmpty();
    }

    private Optional<GroupSilence> silence() {
        return alarms.groupsWithoutNodes(OFFLINE_AFTER_MS).stream()
                .filter(s -> s.getGroupId() == groupId)
                .findFirst();
    }

    private long node(String instance) {
        jdbc.update(
                "INSERT INTO jm_node (ip, group_id, instance, last_heartbeat_at) VALUES ('127.0.0.1', ?, ?, NOW(3))",
                groupId,
                instance);
        return jdbc.queryForObject(
                "SELECT id FROM jm_node WHERE group_id = ? AND instance = ?", Long.class, groupId, instance);
    }

    private void heartbeat(long node) {
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = TIMESTAMPADD(SECOND, 1, NOW(3)) WHERE id = ?", node);
    }

    private LocalDateTime disabledAt(long node) {
        return jdbc.queryForObject("SELECT disabled_at FROM jm_node WHERE id = ?", LocalDateTime.class, node);
    }
}
