package com.jm.job.client.node;

/** Turns failures into the bounded, readable messages stored with a run. */
final class FailureMessages {

    /** Longest message a node sends; a stack of nested causes must not bloat every report. */
    static final int MAX_LENGTH = 2000;

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

    /** The message cut to {@link #MAX_LENGTH} characters, or {@code null} for none. */
    static String bound(String message) {
        if (message == null || message.length() <= MAX_LENGTH) {
            return message;
        }
        return message.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String classAndMessage(Throwable failure) {
        String message = failure.getMessage();
        return message == null
                ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + message;
    }
}
