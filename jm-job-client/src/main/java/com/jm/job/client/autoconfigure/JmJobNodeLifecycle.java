package com.jm.job.client.autoconfigure;

import com.jm.job.client.node.JmJobNode;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the node once the application context is ready and stops it gracefully when the context
 * closes. Runs in the last lifecycle phase, so handlers' dependencies are up before the first task
 * arrives and still up while the last one finishes.
 */
public class JmJobNodeLifecycle implements SmartLifecycle {

    private final JmJobNode node;

    /** @param node the node to start with the context and stop before it closes */
    public JmJobNodeLifecycle(JmJobNode node) {
        this.node = node;
    }

    @Override
    public void start() {
        node.start();
    }

    @Override
    public void stop() {
        node.stop();
    }

    @Override
    public boolean isRunning() {
        return node.isRunning();
    }
}
