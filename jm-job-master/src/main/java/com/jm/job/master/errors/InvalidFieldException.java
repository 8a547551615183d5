package com.jm.job.master.errors;

/**
 * A field is well formed but breaks a rule only the service can check (an unknown group id, a cron
 * expression that never fires); answered with 400 naming the field, like a malformed one.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The same refusal for item {@code index} of a batch: its field named {@code tasks[index].field}. */
    public static InvalidFieldException ofItem(int index, InvalidFieldException e) {
        String field = "tasks[" + index + "]." + e.field();
        return new InvalidFieldException(field, field + ": " + e.getMessage());
    }

    public String field() {
        return field;
    }
}
