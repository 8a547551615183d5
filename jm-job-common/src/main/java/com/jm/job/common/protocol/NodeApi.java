package com.jm.job.common.protocol;

/**
 * Paths and limits of the node protocol. Nodes only ever call the master (pull); the master never
 * calls a node, so nodes open no port. The limits are the request records' validation bounds, in one
 * place so that the master's checks and a node's own settings cannot drift apart.
 */
public final class NodeApi {

    /** Prefix of every node endpoint, kept apart from the operators' {@code /api}. */
    public static final String PREFIX = "/node-api/v1";

    public static final String REGISTER = PREFIX + "/register";
    public static final String POLL = PREFIX + "/poll";
    public static final String HEARTBEAT = PREFIX + "/heartbeat";
    public static final String FINISH = PREFIX + "/finish";
    public static final String DEREGISTER = PREFIX + "/deregister";
    public static final String LOGS = PREFIX + "/logs";

    /** Header that carries the node token: the shared secret that lets a process act as a node. */
    public static final String TOKEN_HEADER = "X-JmJob-Node-Token";

    /**
     * Header that carries the session token a registration returned: it ties every later call to the
     * node that registered, so no node can act for another.
     */
    public static final String SESSION_HEADER = "X-JmJob-Node-Session";

    /** Most tasks one poll may ask for ({@link PollRequest#maxTasks()}). */
    public static final int MAX_POLL_TASKS = 1000;

    /** Longest a poll may ask the master to hold it, in milliseconds ({@link PollRequest#waitMillis()}). */
    public static final long MAX_POLL_WAIT_MILLIS = 120_000;

    /** Most outcomes one finish call may carry ({@link FinishRequest#outcomes()}). */
    public static final int MAX_FINISH_OUTCOMES = 1000;

    /** Most run ids one heartbeat may list ({@link HeartbeatRequest#runIds()}). */
    public static final int MAX_HEARTBEAT_RUN_IDS = 10_000;

    /** Largest worker pool a node may register with ({@link RegisterRequest#threads()}). */
    public static final int MAX_NODE_THREADS = 10_000;

    /** Most tags one node may declare ({@link RegisterRequest#tags()}). */
    public static final int MAX_TAGS = 32;

    /**
     * What a tag looks like ({@link #TAG_RULE}): short, and free of spaces and commas so that a list
     * of tags can be written in one property or query parameter without quoting.
     */
    public static final String TAG_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    /** {@link #TAG_PATTERN} in words, for messages people read when a tag is refused. */
    public static final String TAG_RULE =
            "a tag is 1 to 64 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'";

    /** Most run log lines one logs call may carry, and most runs it may name ({@link LogsRequest}). */
    public static final int MAX_LOG_LINES = 1000;

    /** Longest run log line kept, in characters; longer ones are cut by {@link RunLogText#clean}. */
    public static final int MAX_LOG_LINE_LENGTH = 8000;

    /** Longest run message stored (the database columns' size); longer ones are cut by {@link #truncate}. */
    public static final int MAX_MESSAGE_LENGTH = 2000;

    private static final String CUT_MARK = "…";

    private NodeApi() {}

    /**
     * The message cut to at most {@code maxLength} characters, its last one an ellipsis so that a
     * reader sees it was cut; shorter messages and {@code null} are returned as they are. The one
     * place both the node (before sending) and the master (before storing) bound run messages.
     *
     * @param message the text, or {@code null}
     * @param maxLength the most characters the result may have, at least 1
     * @throws IllegalArgumentException when {@code maxLength} is below 1
     */
    public static String truncate(String message, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        if (message == null || message.length() <= maxLength) {
            return message;
        }
        int end = maxLength - CUT_MARK.length();
        // Never keep half of a surrogate pair: a lone surrogate is not valid text for the database.
        if (end > 0 && Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + CUT_MARK;
    }
}
