package com.jm.job.master.store;

import java.util.List;

/**
 * The rows of a set-based statement, bound as one parameter. On MariaDB it travels as one JSON array
 * that the statement reads with {@code JSON_TABLE} ({@link BatchTypeHandler}), so the statement's
 * text and its single parameter are the same for any batch size; elsewhere (the H2 demo, MySQL) the
 * portable form of the statement expands {@link #rows} item by item.
 *
 * <p>Why: with one {@code #{}} per row and column, MyBatis builds and re-parses the statement for
 * every batch and binds thousands of parameters one by one; in the benchmark that was the largest
 * part of the master's CPU per execution.
 *
 * @param rows the rows, in the order the statement should visit them
 */
public record Batch<T>(List<T> rows) {

    public static <T> Batch<T> of(List<T> rows) {
        return new Batch<>(List.copyOf(rows));
    }
}
