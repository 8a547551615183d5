package com.jm.job.master.service;

/**
 * Which page of a list to read; validated by the web layer.
 *
 * @param page zero-based page number
 * @param size page size
 */
public record PageRequest(int page, int size) {

    public long offset() {
        return (long) page * size;
    }
}
