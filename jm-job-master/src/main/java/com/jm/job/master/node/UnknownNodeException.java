package com.jm.job.master.node;

import com.jm.job.master.errors.NotFoundException;

/**
 * The one rule for a call from a node the master does not know as registered (never registered,
 * deregistered, or its registration replaced by a newer one): 404, and the node registers again.
 * The client treats any 404 of the node API this way.
 */
public class UnknownNodeException extends NotFoundException {

    public UnknownNodeException(long nodeId) {
        super("no registered node with id " + nodeId + "; register again");
    }

    private UnknownNodeException(String message) {
        super(message);
    }

    /** The node is registered, but the call carries an older registration's session secret. */
    public static UnknownNodeException staleSession(long nodeId) {
        return new UnknownNodeException(
                "the call does not carry node " + nodeId + "'s current session; register again");
    }
}
