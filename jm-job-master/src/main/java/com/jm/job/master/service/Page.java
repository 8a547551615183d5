package com.jm.job.master.service;

import io.swagger.v3.oas.annotations.media.Schema;
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
public record Page<T>(
        @Schema(description = "the page items") List<T> items,
        @Schema(description = "zero-based page number", example = "0") int page,
        @Schema(description = "requested page size", example = "20") int size,
        @Schema(description = "number of items over all pages", example = "1") long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
