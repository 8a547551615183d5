package com.jm.job.master.dispatch;

import org.springframework.test.context.TestPropertySource;

/** Fires of several runs again, with the portable batch statements on the same real InnoDB server. */
@TestPropertySource(properties = "jm.job.master.sql-dialect=portable")
class MultiRunFirePortableTest extends MultiRunFireTest {}
