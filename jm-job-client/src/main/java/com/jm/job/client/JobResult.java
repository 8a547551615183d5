package com.jm.job.client;

/**
 * How a handler says a run ended. Throwing an exception is the other way to fail a run.
 *
 * @param successful whether the run succeeded
 * @param message a short note for operators (stored with the run), or {@code null}
 */
public record JobResult(boolean successful, String message) {

    private static final JobResult SUCCESS = new JobResult(true, null);

    /** A successful run with nothing to add. */
    public static JobResult success() {
        return SUCCESS;
    }

    /** A successful run with a note for operators, for example how many rows were processed. */
    public static JobResult success(String message) {
        return new JobResult(true, message);
    }

    /** A failed run; the message tells operators what went wrong. */
    public static JobResult failure(String message) {
        return new JobResult(false, message);
    }
}
