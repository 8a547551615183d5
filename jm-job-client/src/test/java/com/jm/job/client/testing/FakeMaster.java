package com.jm.job.client.testing;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterUnavailableException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.LogsRequest;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.TaskAssignment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An in-memory master for node tests: hands out queued tasks to long polls, records every call,
 * and can be told to be unreachable, to forget nodes, or to acknowledge only some outcomes.
 */
public class FakeMaster implements MasterClient {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taskQueued = lock.newCondition();
    private final Deque<TaskAssignment> queue = new ArrayDeque<>();
    private final AtomicLong nextNodeId = new AtomicLong(100);
    private final Set<Long> knownNodes = ConcurrentHashMap.newKeySet();

    public final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    public final List<PollRequest> polls = new CopyOnWriteArrayList<>();
    public final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
    public final List<FinishRequest> finishes = new CopyOnWriteArrayList<>();
    public final List<DeregisterRequest> deregistrations = new CopyOnWriteArrayList<>();
    /** Run log batches that reached the master (not listed in {@link #calls}: they come at any time). */
    public final List<LogsRequest> logs = new CopyOnWriteArrayList<>();
    /** Every outcome the master acknowledged, in order; a run listed twice was acknowledged twice. */
    public final List<RunOutcome> acknowledged = new CopyOnWriteArrayList<>();
    /** Names of the calls that reached the master, in order: register, poll, heartbeat, finish, deregister. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Outcomes that arrived again after the master had acknowledged them. */
    public final List<RunOutcome> resentAfterAck = new CopyOnWriteArrayList<>();

    private final Set<Long> cancelRunIds = ConcurrentHashMap.newKeySet();
    private final Map<Long, RunOutcome> ackedByRun = new ConcurrentHashMap<>();
    private final AtomicInteger registerFailuresLeft = new AtomicInteger();
    private final AtomicInteger finishFailuresLeft = new AtomicInteger();
    private final AtomicInteger lostLogAnswersLeft = new AtomicInteger();
    private final AtomicReference<Throwable> pollFailure = new AtomicReference<>();
    private volatile boolean unreachable;
    private volatile boolean logsUnreachable;
    private volatile boolean finishChecksNode;
    private volatile Predicate<RunOutcome> acknowledges = outcome -> true;
    private volatile Long leaseMillis = 25_000L;
    private volatile long heldMillis;
    private volatile Runnable onClaim = () -> {};
    /** Heartbeats the node tried to send, including those that found the master unreachable. */
    public final AtomicInteger heartbeatAttempts = new AtomicInteger();

    public void enqueue(TaskAssignment... tasks) {
        lock.lock();
        try {
            queue.addAll(List.of(tasks));
            taskQueued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Every call fails as if no master answered, until set back. */
    public void setUnreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    /** While set, only the logs call finds the master unreachable; the other calls go through. */
    public void setLogsUnreachable(boolean logsUnreachable) {
        this.logsUnreachable = logsUnreachable;
    }

    public void failRegistrations(int count) {
        registerFailuresLeft.set(count);
    }

    /**
     * The next {@code count} logs calls are taken (recorded in {@link #logs}) but their answers are
     * lost: the node sees the master unavailable, as after a timeout.
     */
    public void loseLogAnswers(int count) {
        lostLogAnswersLeft.set(count);
    }

    public void failFinishes(int count) {
        finishFailuresLeft.set(count);
    }

    /** From now on only outcomes matching the predicate are acknowledged. */
    public void acknowledgeOnly(Predicate<RunOutcome> predicate) {
        acknowledges = predicate;
    }

    /** Finishing for a node the master does not know answers "unknown node", as polls do. */
    public void checkNodeOnFinish() {
        finishChecksNode = true;
    }

    /** Forgets every node, as after a node was removed for missing heartbeats. */
    public void forgetNodes() {
        knownNodes.clear();
    }

    /** The lease length poll and heartbeat answers name; {@code null}: answers do not say. */
    public void leaseMillis(Long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    /** How long poll answers say the poll was held before the claim, as if the node was paused meanwhile. */
    public void heldMillis(long heldMillis) {
        this.heldMillis = heldMillis;
    }

    /** Runs whenever a poll claims tasks, before it answers (a test pausing the node's clock, say). */
    public void onClaim(Runnable action) {
        this.onClaim = action;
    }

    /** The next heartbeat answer asks the node to cancel this run. */
    public void cancel(long runId) {
        cancelRunIds.add(runId);
    }

    public RunOutcome outcomeOf(long runId) {
        return ackedByRun.get(runId);
    }

    @Override
    public RegisterResponse register(RegisterRequest request) {
        checkReachable();
        if (registerFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MasterUnavailableException("fake master is starting");
        }
        calls.add("register");
        registrations.add(request);
        long id = nextNodeId.incrementAndGet();
        knownNodes.add(id);
        return new RegisterResponse(id, 1, "session-" + id);
    }

    /** The next poll throws this (an Error, say) instead of answering. */
    public void throwOnNextPoll(Throwable failure) {
        pollFailure.set(failure);
    }

    @Override
    public PollResponse poll(PollRequest request) throws InterruptedException {
        Throwable failure = pollFailure.getAndSet(null);
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException exception) {
            throw exception;
        }
        checkReachable();
        checkKnown(request.nodeId());
        calls.add("poll");
        polls.add(request);
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(request.waitMillis());
            while (queue.isEmpty() && nanos > 0) {
                nanos = taskQueued.awaitNanos(nanos);
            }
            List<TaskAssignment> claimed = new ArrayList<>();
            while (!queue.isEmpty() && claimed.size() < request.maxTasks()) {
                claimed.add(queue.poll());
            }
            if (!claimed.isEmpty()) {
                onClaim.run();
            }
            return new PollResponse(claimed, leaseMillis, heldMillis);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public HeartbeatResponse heartbeat(HeartbeatRequest request) {
        heartbeatAttempts.incrementAndGet();
        checkReachable();
        checkKnown(request.nodeId());
        calls.add("heartbeat");
        heartbeats.add(request);
        List<Long> cancel =
                request.runIds().stream().filter(cancelRunIds::contains).toList();
        return new HeartbeatResponse(cancel, leaseMillis);
    }

    @Override
    public FinishResponse finish(FinishRequest request) {
        checkReachable();
        if (finishChecksNode) {
            checkKnown(request.nodeId());
        }
        calls.add("finish");
        finishes.add(request);
        if (finishFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MasterUnavailableException("fake master is restarting");
        }
        List<Long> acked = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (RunOutcome outcome : request.outcomes()) {
            if (!seen.add(outcome.runId())) {
                throw new AssertionError("one request carried run " + outcome.runId() + " twice");
            }
            if (ackedByRun.containsKey(outcome.runId())) {
                resentAfterAck.add(outcome);
            }
            if (acknowledges.test(outcome)) {
                ackedByRun.put(outcome.runId(), outcome);
                acknowledged.add(outcome);
                acked.add(outcome.runId());
            }
        }
        return new FinishResponse(acked);
    }

    @Override
    public void logs(LogsRequest request) {
        checkReachable();
        if (logsUnreachable) {
            throw new MasterUnavailableException("fake master takes no logs now");
        }
        logs.add(request);
        if (lostLogAnswersLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new MasterUnavailableException("fake master stored the lines, but its answer was lost");
        }
    }

    /** The texts of every log line the master received for a run, in order. */
    public List<String> logTexts(long runId) {
        return logs.stream()
                .flatMap(request -> request.runs().stream())
                .filter(run -> run.runId() == runId)
                .flatMap(run -> run.lines().stream())
                .map(LogLine::text)
                .toList();
    }

    /** How many lines of a run the node said it dropped, over every batch received. */
    public long logDropped(long runId) {
        return logs.stream()
                .flatMap(request -> request.runs().stream())
                .filter(run -> run.runId() == runId)
                .mapToLong(run -> run.dropped())
                .sum();
    }

    @Override
    public void deregister(DeregisterRequest request) {
        checkReachable();
        calls.add("deregister");
        deregistrations.add(request);
        knownNodes.remove(request.nodeId());
    }

    private void checkReachable() {
        if (unreachable) {
            throw new MasterUnavailableException("fake master is unreachable");
        }
    }

    private void checkKnown(long nodeId) {
        if (!knownNodes.contains(nodeId)) {
            throw new UnknownNodeException(nodeId, "fake master does not know node " + nodeId);
        }
    }
}
