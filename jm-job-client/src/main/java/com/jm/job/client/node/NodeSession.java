package com.jm.job.client.node;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's registration with the master: the id the master gave it, if any. The task loader
 * registers (and registers again after the master forgot the node); heartbeats and polls read the
 * id; the node deregisters on shutdown.
 */
public class NodeSession {

    private static final Logger log = LoggerFactory.getLogger(NodeSession.class);
    private static final long NONE = -1;

    private final MasterClient master;
    private final RegisterRequest identity;
    private final AtomicLong nodeId = new AtomicLong(NONE);
    private final List<Runnable> forgetListeners = new CopyOnWriteArrayList<>();

    /**
     * @param master the master to register with
     * @param identity what the node says about itself: group, address, instance name, threads, tags
     */
    public NodeSession(MasterClient master, RegisterRequest identity) {
        this.master = master;
        this.identity = identity;
    }

    /** The node's id, or empty while it is not registered. */
    public OptionalLong nodeId() {
        long id = nodeId.get();
        return id == NONE ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Calls the listener whenever the node loses its id, so whoever registers can act at once. */
    public void onForgotten(Runnable listener) {
        forgetListeners.add(listener);
    }

    /** The node's instance name, for messages operators read. */
    public String instance() {
        return identity.instance();
    }

    /** The group whose tasks the node runs. */
    public String group() {
        return identity.group();
    }

    /** The tags the node declares in every registration. */
    public List<String> tags() {
        return identity.tags() == null ? List.of() : identity.tags();
    }

    /**
     * Registers the node with the master.
     *
     * @return the new node id
     * @throws MasterException when the master cannot be reached or refuses
     */
    public long register() throws InterruptedException {
        RegisterResponse response = master.register(identity);
        nodeId.set(response.nodeId());
        log.info(
                "Registered with the jm-job master as node {} ({}) in group '{}' with tags {}",
                response.nodeId(),
                identity.instance(),
                identity.group(),
                identity.tags());
        return response.nodeId();
    }

    /**
     * Drops an id the master no longer knows, so the loader registers again. An id that was already
     * replaced stays replaced: a late 404 about an old id must not undo a newer registration.
     */
    public void forget(long staleId) {
        if (nodeId.compareAndSet(staleId, NONE)) {
            log.warn("The jm-job master no longer knows node {}; registering again", staleId);
            forgetListeners.forEach(Runnable::run);
        }
    }

    /** Tells the master the node leaves; failures are logged, the master's lease expiry covers them. */
    public void deregister() {
        long id = nodeId.getAndSet(NONE);
        if (id == NONE) {
            return;
        }
        try {
            master.deregister(new DeregisterRequest(id));
            log.info("Deregistered node {} from the jm-job master", id);
        } catch (MasterException e) {
            log.warn("Could not deregister node {}: {}", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
