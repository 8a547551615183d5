package com.jm.job.client.testing;

import com.jm.job.client.node.Backoff;
import com.jm.job.client.node.HeartbeatSender;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.LeaseFence;
import com.jm.job.client.node.NodeSession;
import com.jm.job.client.node.OutcomeReporter;
import com.jm.job.client.node.TaskLoader;
import com.jm.job.client.node.Worker;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RunOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.awaitility.Awaitility;

/** A whole node wired against a {@link FakeMaster}, with timings short enough for tests. */
public class NodeHarness {

    public static final String INSTANCE = "test-host:42";

    public final FakeMaster master = new FakeMaster();
    public final MapJobHandlerRegistry handlers = new MapJobHandlerRegistry();
    public final NodeSession session =
            new NodeSession(master, new RegisterRequest("test-group", "127.0.0.1", null, INSTANCE, 2));
    public final OutcomeReporter reporter =
            new OutcomeReporter(master, 10, Duration.ofMillis(5), backoff(), Clock.systemUTC());
    public final Worker worker;
    public final TaskLoader loader;
    public final HeartbeatSender heartbeat;
    public final JmJobNode node;

    /** A node with 2 worker threads and {@code prefetch} further slots for claimed runs waiting for one. */
    public NodeHarness(Duration pollWait, Duration shutdownGrace, int prefetch) {
        this(pollWait, shutdownGrace, prefetch, new LeaseFence(Clock.systemUTC(), LeaseFence.DEFAULT_SAFETY_MARGIN));
    }

    /**
     * A node with 2 worker threads whose runs' durations and leases are measured with the fence's
     * clock (a {@link MutableClock}, say) and fenced with its margin.
     */
    public NodeHarness(Duration pollWait, Duration shutdownGrace, int prefetch, LeaseFence fence) {
        this(pollWait, shutdownGrace, prefetch, fence, Duration.ofMillis(50));
    }

    /** The same, heartbeating every {@code heartbeatInterval} (and when a poll hands it runs). */
    public NodeHarness(
            Duration pollWait, Duration shutdownGrace, int prefetch, LeaseFence fence, Duration heartbeatInterval) {
        worker = new Worker(handlers, reporter, 2, prefetch, INSTANCE, fence);
        heartbeat = new HeartbeatSender(master, session, worker, reporter, heartbeatInterval);
        loader = new TaskLoader(master, session, worker, pollWait, backoff(), heartbeat::acknowledgeNow);
        node = new JmJobNode(session, loader, worker, heartbeat, reporter, shutdownGrace);
    }

    public NodeHarness(Duration pollWait, Duration shutdownGrace) {
        this(pollWait, shutdownGrace, 0);
    }

    public NodeHarness() {
        this(Duration.ofMillis(200), Duration.ofMillis(500));
    }

    /** The outcome the master acknowledged for a run, waiting for it to arrive. */
    public RunOutcome awaitOutcome(long runId) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> master.outcomeOf(runId), Objects::nonNull);
    }

    private static Backoff backoff() {
        return new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }
}
