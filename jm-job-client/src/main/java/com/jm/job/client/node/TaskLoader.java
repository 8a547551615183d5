package com.jm.job.client.node;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the group's due tasks from the master (thread {@code jm-job-loader}). It registers the node
 * first (and again whenever the master forgot it), then long-polls only while the {@link Worker}
 * wants tasks ({@link Worker#wanted}) and asks for no more than that: back-pressure, so a busy node
 * leaves work to its peers instead of queueing it beyond its prefetch. An unreachable master is
 * retried with back-off.
 */
public class TaskLoader extends NodeLoop {

    private static final Logger log = LoggerFactory.getLogger(TaskLoader.class);

    private final Runnable acknowledge;
    private final MasterClient master;
    private final NodeSession session;
    private final Worker worker;
    private final Duration pollWait;
    private final Backoff backoff;

    /**
     * @param master where tasks come from
     * @param session the node's registration
     * @param worker runs what the master hands out
     * @param pollWait how long the master may hold a poll when nothing is due
     * @param backoff delays between attempts while the master is unreachable
     */
    public TaskLoader(MasterClient master, NodeSession session, Worker worker, Duration pollWait, Backoff backoff) {
        this(master, session, worker, pollWait, backoff, () -> {});
    }

    /**
     * @param acknowledge asks for an acknowledgement of runs just handed to the worker (a heartbeat
     *     naming them, at once): until it lands their lease is the master's short delivery lease
     */
    public TaskLoader(
            MasterClient master,
            NodeSession session,
            Worker worker,
            Duration pollWait,
            Backoff backoff,
            Runnable acknowledge) {
        super("jm-job-loader");
        this.acknowledge = acknowledge;
        this.master = master;
        this.session = session;
        this.worker = worker;
        this.pollWait = pollWait;
        this.backoff = backoff;
        // Both events can end a wait early: a freed slot means work can be taken, a lost id means
        // registering again.
        worker.onSlotFreed(waiter::wake);
        session.onForgotten(waiter::wake);
    }

    @Override
    protected void runOnce() throws InterruptedException {
        OptionalLong nodeId = session.nodeId();
        if (nodeId.isEmpty()) {
            register();
        } else {
            int wanted = worker.wanted();
            if (wanted == 0) {
                waiter.await(pollWait);
            } else {
                poll(nodeId.getAsLong(), wanted);
            }
        }
    }

    private void register() throws InterruptedException {
        try {
            session.register();
            backoff.reset();
        } catch (MasterException e) {
            Duration delay = backoff.next();
            log.warn(
                    "Could not register with the jm-job master, retrying in {} ms: {}",
                    delay.toMillis(),
                    e.getMessage());
            pause(delay);
        }
    }

    private void poll(long nodeId, int wanted) throws InterruptedException {
        // The claim happened no earlier than this plus the time the master says it held the poll.
        Instant sent = worker.fence().clock().instant();
        List<TaskAssignment> tasks;
        Instant leaseDeadline;
        try {
            PollResponse response = master.poll(new PollRequest(nodeId, wanted, pollWait.toMillis()));
            tasks = response.tasks();
            long held = response.heldMillis() == null ? 0 : response.heldMillis();
            leaseDeadline = worker.fence().deadline(sent.plusMillis(held), response.leaseMillis());
            backoff.reset();
        } catch (UnknownNodeException e) {
            session.forget(e.nodeId());
            return;
        } catch (MasterException e) {
            Duration delay = backoff.next();
            log.warn("Could not poll the jm-job master, retrying in {} ms: {}", delay.toMillis(), e.getMessage());
            pause(delay);
            return;
        }
        for (TaskAssignment task : tasks) {
            log.debug("Starting run {} of task '{}' ({})", task.runId(), task.taskName(), task.beanName());
            worker.submit(nodeId, task, leaseDeadline);
        }
        if (!tasks.isEmpty()) {
            acknowledge.run();
        }
    }
}
