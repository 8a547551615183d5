package com.jm.job.master.service;

/**
 * Which rows to read for a page of a newest-first list, read from whichever end of the list is
 * nearer. MariaDB and MySQL find an OFFSET by reading and dropping every row before it, so the last
 * page of 100,000 tasks, read newest first, walked (and sorted) all 100,000 ids; read oldest first
 * it is the first 20 rows, which the caller puts back in newest-first order. The deepest page is
 * now the middle one, at half the old worst case. Page links, numbers and counts are unchanged.
 *
 * @param offset rows to skip, counted from the end {@link #oldestFirst} names
 * @param limit rows to read (fewer than the page size on the last page; 0 past the end)
 * @param oldestFirst read in the opposite order to the list's, then reverse
 */
public record PageSlice(long offset, int limit, boolean oldestFirst) {

    /** The slice for {@code page} of a list of {@code total} rows. */
    public static PageSlice of(PageRequest page, long total) {
        long offset = page.offset();
        if (offset >= total) {
            return new PageSlice(offset, 0, false);
        }
        // Rows after the page's last one, that is the page's offset counted from the other end.
        long fromOldest = total - offset - page.size();
        if (fromOldest >= offset) {
            return new PageSlice(offset, page.size(), false);
        }
        long start = Math.max(0, fromOldest);
        return new PageSlice(start, (int) (total - offset - start), true);
    }
}
