package com.jm.job.client.autoconfigure;

import com.jm.job.common.protocol.RegisterRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a node tells the master about itself when it registers. */
final class NodeIdentity {

    private NodeIdentity() {}

    static RegisterRequest of(JmJobClientProperties properties) {
        InetAddress local = localHost();
        String ip = hasText(properties.getIp()) ? properties.getIp() : local.getHostAddress();
        String instance = hasText(properties.getInstance())
                ? properties.getInstance()
                : local.getHostName() + ":" + ProcessHandle.current().pid();
        // Nodes open no port: the master reaches no one, so there is no port to report.
        return new RegisterRequest(properties.getGroup(), ip, null, instance, properties.getWorkerThreads());
    }

    private static InetAddress localHost() {
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            // A host whose own name does not resolve still runs jobs; it reports loopback instead.
            return InetAddress.getLoopbackAddress();
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
