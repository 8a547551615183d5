package com.jm.job.client.master;

/**
 * The master does not know the node id a call named (it was deregistered or removed after missing
 * heartbeats); the node must register again to get a new id.
 */
public class UnknownNodeException extends MasterException {

    private final long nodeId;

    public UnknownNodeException(long nodeId, String message) {
        super(message);
        this.nodeId = nodeId;
    }

    /** The id the master did not know. */
    public long nodeId() {
        return nodeId;
    }
}
