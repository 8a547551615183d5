package com.jm.job.client.node;

import com.jm.job.common.protocol.NodeApi;

/** Turns failures into the bounded, readable messages stored with a run. */
final class FailureMessages {

    private FailureMessages() {}

    /** The exception's class and message, and its root cause's when that differs. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(classAndMessage(failure));
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure) {
            text.append(" (caused by ").append(classAndMessage(root)).append(')');
        }
        return bound(text.toString());
    }

    /**
     * The message cut to what the master stores, or {@code null} for none; a stack of nested causes
     * must not bloat every report.
     */
    static String bound(String message) {
        return NodeApi.truncate(message, NodeApi.MAX_MESSAGE_LENGTH);
    }

    private static String classAndMessage(Throwable failure) {
        String message = failure.getMessage();
        return message == null
                ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + message;
    }
}
