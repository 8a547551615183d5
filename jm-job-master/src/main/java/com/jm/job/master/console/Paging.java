package com.jm.job.master.console;

import com.jm.job.master.service.Page;
import com.jm.job.master.service.PageRequest;

/** The console's lists: 20 rows a page, and what the pager under a list shows. */
final class Paging {

    static final int SIZE = 20;

    private Paging() {}

    /** A page number from a link or a hand-edited URL: never below 0 nor so far it overflows. */
    static PageRequest of(int page) {
        return new PageRequest(Math.max(0, Math.min(page, Integer.MAX_VALUE / SIZE)), SIZE);
    }

    /** Pages in all (at least one, so an empty list says "page 1 of 1"). */
    static long pages(Page<?> page) {
        return Math.max(1, (page.total() + page.size() - 1) / page.size());
    }
}
