package com.jm.job.master.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which rows a page reads: from the newest end up to the middle, from the oldest end after it. */
class PageSliceTest {

    @Test
    void pagesUpToTheMiddleAreReadNewestFirst() {
        assertThat(PageSlice.of(new PageRequest(0, 20), 100_000)).isEqualTo(new PageSlice(0, 20, false));
        assertThat(PageSlice.of(new PageRequest(100, 20), 100_000)).isEqualTo(new PageSlice(2_000, 20, false));
        assertThat(PageSlice.of(new PageRequest(2_499, 20), 100_000)).isEqualTo(new PageSlice(49_980, 20, false));
    }

    @Test
    void pagesPastTheMiddleAreReadOldestFirstSkippingAtMostHalf() {
        assertThat(PageSlice.of(new PageRequest(2_500, 20), 100_000)).isEqualTo(new PageSlice(49_980, 20, true));
        assertThat(PageSlice.of(new PageRequest(4_999, 20), 100_000)).isEqualTo(new PageSlice(0, 20, true));
    }

    @Test
    void aShortLastPageReadsOnlyTheRowsItHas() {
        // 101 rows: page 5 holds the oldest row alone; page 4 the 20 before it.
        assertThat(PageSlice.of(new PageRequest(5, 20), 101)).isEqualTo(new PageSlice(0, 1, true));
        assertThat(PageSlice.of(new PageRequest(4, 20), 101)).isEqualTo(new PageSlice(1, 20, true));
        assertThat(PageSlice.of(new PageRequest(0, 20), 7)).isEqualTo(new PageSlice(0, 7, true));
    }

    @Test
    void aPagePastTheEndReadsNothing() {
        assertThat(PageSlice.of(new PageRequest(6, 20), 101).limit()).isZero();
        assertThat(PageSlice.of(new PageRequest(0, 20), 0).limit()).isZero();
    }
}
