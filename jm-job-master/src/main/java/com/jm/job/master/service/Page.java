package com.jm.job.master.service;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the page's items
 * @param page zero-based page number
 * @param size requested page size
 * @param total number of items over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
