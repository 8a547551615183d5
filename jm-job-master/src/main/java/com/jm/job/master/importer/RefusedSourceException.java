package com.jm.job.master.importer;

/** A source URL or source database the import will not read, with the reason for the operator. */
public class RefusedSourceException extends RuntimeException {

    public RefusedSourceException(String message) {
        super(message);
    }
}
