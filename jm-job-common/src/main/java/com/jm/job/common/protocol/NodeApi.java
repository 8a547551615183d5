package com.jm.job.common.protocol;

/**
 * Paths of the node protocol. Nodes only ever call the master (pull); the master never calls a
 * node, so nodes open no port.
 */
public final class NodeApi {

    /** Prefix of every node endpoint, kept apart from the operators' {@code /api}. */
    public static final String PREFIX = "/node-api/v1";

    public static final String REGISTER = PREFIX + "/register";
    public static final String POLL = PREFIX + "/poll";
    public static final String HEARTBEAT = PREFIX + "/heartbeat";
    public static final String FINISH = PREFIX + "/finish";
    public static final String DEREGISTER = PREFIX + "/deregister";

    /** Header that carries the node token: the shared secret that lets a process act as a node. */
    public static final String TOKEN_HEADER = "X-JmJob-Node-Token";

    /**
     * Header that carries the session token a registration returned: it ties every later call to the
     * node that registered, so no node can act for another.
     */
    public static final String SESSION_HEADER = "X-JmJob-Node-Session";

    private NodeApi() {}
}
