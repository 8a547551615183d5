package com.jm.job.master.dispatch;

import com.jm.job.master.store.SqlDialects;
import org.springframework.test.context.TestPropertySource;

/** The node protocol again, with the portable batch statements on the same real InnoDB server. */
@TestPropertySource(properties = "jm.job.master.sql-dialect=portable")
class NodeProtocolPortableTest extends NodeProtocolTest {

    @Override
    protected String expectedDialect() {
        return SqlDialects.MYSQL;
    }
}
