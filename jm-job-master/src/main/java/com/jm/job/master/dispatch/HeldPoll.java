package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.events.Signal;
import com.jm.job.master.metrics.MasterMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's long poll while the master holds it, with no thread of its own: between looks it is a
 * callback on its group's signal and a timer entry. A look runs on the request's thread first, then
 * on a poll thread whenever the first of its wake-ups comes (work signalled for the group, the
 * group's next task falling due, the end of the wait); looks of one poll never overlap, because
 * only the wake-up that ends a wait starts the next look. Cancelling {@link #answer} (the node's
 * connection is gone) ends the wait and claims nothing more for it.
 *
 * <p>A counted signal wakes only as many polls as tasks became due. So a poll woken by one that
 * claims nothing (another poll or master was quicker, its node is disabled, or it lacks the task's
 * tags) passes the wake-up on to the group's next waiting poll, once: a passed-on wake-up is not
 * passed again, so a task no waiting node may claim costs two looks, not a loop. The poll's own
 * timer (its next due task, the end of its wait) stays the safety net.
 */
final class HeldPoll {

    private static final Logger log = LoggerFactory.getLogger(HeldPoll.class);

    private final long nodeId;
    private final long groupId;
    private final int maxTasks;
    private final long arrived;
    private final long deadline;
    private final long leaseMillis;
    private final Parts parts;
    private final CompletableFuture<PollResponse> answer = new CompletableFuture<>();
    private volatile Wait waiting;

    /** What every held poll shares. */
    record Parts(WorkFinder finder, PendingSignals signals, PollThreads threads, Clock clock, MasterMetrics metrics) {}

    HeldPoll(long nodeId, long groupId, int maxTasks, long arrived, long deadline, long leaseMillis, Parts parts) {
        this.nodeId = nodeId;
        this.groupId = groupId;
        this.maxTasks = maxTasks;
        this.arrived = arrived;
        this.deadline = deadline;
        this.leaseMillis = leaseMillis;
        this.parts = parts;
        answer.whenComplete((response, failure) -> {
            Wait wait = waiting;
            if (answer.isCancelled() && wait != null) {
                wait.end(false, false);
            }
        });
    }

    /** Completes with the poll's answer, or the failure of a look (unknown node, database away). */
    CompletableFuture<PollResponse> answer() {
        return answer;
    }

    /** The first look, on the request's thread: its failure is the request's. */
    void lookFirst() {
        look(true, false);
    }

    private void lookAgain(boolean counted) {
        try {
            look(false, counted);
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    /** @param counted woken by a counted signal: a look that claims nothing passes the wake-up on */
    private void look(boolean first, boolean counted) {
        if (answer.isDone()) {
            passOnIf(counted); // the node's connection went while the poll waited
            return;
        }
        if (!parts.signals().isRunning()) {
            // Shutting down: claim nothing more, so no run is handed out on a closing connection.
            answer.complete(response(List.of(), 0));
            return;
        }
        // Read before the claim starts, so that the node's estimate of the lease (its send time
        // plus this) never ends later than the lease the claim grants.
        long held = parts.clock().millis() - arrived;
        long generation = parts.signals().generation(groupId);
        WorkFinder.Look look = parts.finder().look(nodeId, groupId, maxTasks);
        if (!look.claimed().isEmpty()) {
            if (!answer.complete(response(look.claimed(), held)) && !first) {
                // Claimed as the connection went: nobody reads these, like runs answered to a node
                // that died. The delivery lease (or the lease) puts them back.
                log.debug(
                        "Node {} left while its poll claimed {} runs",
                        nodeId,
                        look.claimed().size());
            }
            return;
        }
        // Before this poll waits again, so that it is not the one woken.
        passOnIf(counted);
        long left = deadline - parts.clock().millis();
        if (left <= 0) {
            answer.complete(response(List.of(), held));
            return;
        }
        Duration sleep = Duration.ofMillis(left);
        if (look.recheck() != null && look.recheck().compareTo(sleep) < 0) {
            sleep = look.recheck();
        }
        new Wait().start(generation, sleep);
    }

    private void passOnIf(boolean counted) {
        if (counted) {
            parts.signals().passOn(groupId);
        }
    }

    private PollResponse response(List<TaskAssignment> tasks, long held) {
        return new PollResponse(tasks, leaseMillis, Math.max(0, held));
    }

    /** One wait between two looks; whichever wake-up ends it first starts the next look. */
    private final class Wait {
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile Runnable cancelSignal;
        private volatile ScheduledFuture<?> timer;

        void start(long generation, Duration sleep) {
            parts.metrics().pollHeld();
            waiting = this;
            cancelSignal = parts.signals().whenSignalled(groupId, generation, this::signalled);
            if (over.get()) {
                return; // signalled since the look began: looking again already
            }
            ScheduledFuture<?> t;
            try {
                t = parts.threads().after(sleep, () -> end(true, false));
            } catch (RejectedExecutionException stopping) {
                end(true, false);
                return;
            }
            timer = t;
            if (over.get()) {
                t.cancel(false); // ended while the timer was being set
            } else if (answer.isDone()) {
                end(false, false); // the connection went during the look
            } else if (!parts.signals().isRunning()) {
                // The master began stopping after the look read its generation: its stop signal
                // is not coming again.
                end(true, false);
            }
        }

        private void signalled(Signal.Wake wake) {
            boolean counted = wake == Signal.Wake.COUNTED;
            if (!end(true, counted)) {
                // The wait had just ended otherwise (its timer, a cancel): this wake-up starts no
                // look of its own, so the next waiting poll takes it.
                passOnIf(counted);
            }
        }

        /** @return whether this call ended the wait (false: it had ended already) */
        boolean end(boolean lookAgain, boolean counted) {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            parts.metrics().pollReleased();
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            Runnable c = cancelSignal;
            if (c != null) {
                c.run();
            }
            if (!lookAgain) {
                return true;
            }
            try {
                parts.threads().look(() -> lookAgain(counted));
            } catch (RejectedExecutionException stopping) {
                answer.complete(response(List.of(), parts.clock().millis() - arrived));
            }
            return true;
        }
    }
}
