package com.jm.job.master.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.support.MovableClock;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * Lapsed leases after a master start or a database outage, on MariaDB: a lease that lapsed while no
 * node could renew it is not ended before its node had one lease of contact to renew it or resend
 * its outcome; one granted after contact began is judged at once. The contact is built by hand on a
 * clock the test moves (lease 25 s, delivery lease 10 s: the test configuration's defaults).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class LeaseAfterOutageTest extends RegisteredNodeTest {

    @Autowired
    LeaseRecovery recovery;

    @Autowired
    DatabaseClock databaseClock;

    @Autowired
    Leases leases;

    @Autowired
    JmJobMasterProperties properties;

    private final MovableClock clock = new MovableClock();

    @Test
    void aLeaseThatLapsedBeforeAMasterStartWaitsAndTheNodesResentOutcomeIsKept() throws Exception {
        long task = createTask("t", "\"retry\":false");
        long run = pollOne(nodeId);
        lapse(task, 1);
        DatabaseContact contact = contact();

        DatabaseContact.Trust trust = contact.look();

        assertThat(trust.all()).as("just started").isFalse();
        assertThat(recovery.recoverExpired(trust)).as("lapsed leases ended").isZero();
        nodes.finish(nodeId, run, "SUCCEEDED", "done while the master was away");
        assertThat(runState(run)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task))
                .isZero();
    }

    @Test
    void aLeaseThatLapsedBeforeContactIsEndedOnceContactHasLastedALease() throws Exception {
        long task = createTask("t", "\"retry\":false");
        long run = pollOne(nodeId);
        lapse(task, 1);
        DatabaseContact contact = contact();
        clock.advance(Duration.ofSeconds(26));

        DatabaseContact.Trust trust = contact.look();

        assertThat(trust.all()).as("started 26 s ago, a lease is 25 s").isTrue();
        assertThat(recovery.recoverExpired(trust)).isOne();
        assertThat(runState(run)).isEqualTo("LOST");
    }

    @Test
    void afterALostPassEvenAnOldMasterWaitsAndAHeartbeatRenewsTheLapsedLease() throws Exception {
        long task = createTask("t", "\"retry\":false");
        long run = pollOne(nodeId);
        lapse(task, 1);
        DatabaseContact contact = contact();
        clock.advance(Duration.ofMinutes(5));
        assertThat(contact.look().all()).isTrue();

        contact.lost();
        DatabaseContact.Trust trust = contact.look();

        assertThat(trust.all()).as("contact began again just now").isFalse();
        assertThat(recovery.recoverExpired(trust)).isZero();
        assertThat(nodes.heartbeat(nodeId, List.of(run)).get("cancelRunIds"))
                .as("the node's run is still its own")
                .isEmpty();
        assertThat(recovery.recoverExpired(DatabaseContact.Trust.ALL))
                .as("renewed by the heartbeat: nothing lapsed any more")
                .isZero();
        assertThat(runState(run)).isEqualTo("RUNNING");
    }

    @Test
    void aDeliveryLeaseGrantedAfterContactBeganIsJudgedAtOnceAnOlderOneWaits() throws Exception {
        long acking = nodes.registerAcknowledging(GROUP, "acking", "10.1.2.9");
        long recent = createTask("t", "\"retry\":false");
        long recentRun = pollOne(acking);
        long older = createTask("t", "\"retry\":false");
        long olderRun = pollOne(acking);
        // Contact began 15 s ago: a delivery lease (10 s) granted since then ends 5 s ago or later.
        DatabaseContact contact = contact();
        clock.advance(Duration.ofSeconds(15));
        lapse(recent, 1);
        lapse(older, 6);

        DatabaseContact.Trust trust = contact.look();

        assertThat(trust.all()).isFalse();
        assertThat(recovery.recoverExpired(trust)).isOne();
        assertThat(runState(recentRun)).isEqualTo("UNDELIVERED");
        assertThat(runState(olderRun)).isEqualTo("RUNNING");
    }

    private DatabaseContact contact() {
        return new DatabaseContact(databaseClock, clock, leases, properties);
    }

    private long pollOne(long node) throws Exception {
        return nodes.poll(node, 1).get(0).get("runId").asLong();
    }

    private void lapse(long task, int secondsAgo) {
        jdbc.update("UPDATE jm_task SET lease_until = NOW(3) - INTERVAL ? SECOND WHERE id = ?", secondsAgo, task);
    }

    private String runState(long run) {
        return jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, run);
    }
}
