package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.store.SqlDialects;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The batch-locking checks again, with the portable batch statements on the same real InnoDB server. */
@TestPropertySource(properties = "jm.job.master.sql-dialect=portable")
class BatchLockingPortableTest extends BatchLockingTest {

    @Autowired
    SqlSessionFactory sqlSessions;

    @Test
    void runsThePortableStatements() {
        assertThat(sqlSessions.getConfiguration().getDatabaseId()).isEqualTo(SqlDialects.MYSQL);
    }
}
