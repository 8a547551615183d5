package com.jm.job.client.node;

import com.jm.job.common.protocol.RegisterRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;

/** What a node tells the master about itself when it registers. */
final class NodeIdentity {

    private NodeIdentity() {}

    /**
     * @param ip the address to report, or {@code null}/blank for the local host's
     * @param instance the node's name, or {@code null}/blank for {@code host:pid}
     * @param tags the tags the node declares, already checked
     */
    static RegisterRequest of(String group, String ip, String instance, int threads, List<String> tags) {
        InetAddress local = localHost();
        String reportedIp = hasText(ip) ? ip : local.getHostAddress();
        String name = hasText(instance)
                ? instance
                : local.getHostName() + ":" + ProcessHandle.current().pid();
        // Nodes open no port: the master reaches no one, so there is no port to report.
        // A tag listed twice is still one tag; the master need not see it twice. The node
        // acknowledges every delivery (TaskLoader wakes the heartbeat), so it says so.
        return new RegisterRequest(
                group, reportedIp, null, name, threads, List.copyOf(new LinkedHashSet<>(tags)), true);
    }

    private static InetAddress localHost() {
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            // A host whose own name does not resolve still runs jobs; it reports loopback instead.
            return InetAddress.getLoopbackAddress();
        }
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
