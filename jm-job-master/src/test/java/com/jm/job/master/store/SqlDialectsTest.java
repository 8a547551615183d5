package com.jm.job.master.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

class SqlDialectsTest {

    @Test
    void mariaDbFrom10Point6OnGetsTheJsonTableFormsWhateverTheDriverCallsIt() {
        assertThat(SqlDialects.idFor("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1"))
                .isEqualTo(SqlDialects.MARIADB);
        assertThat(SqlDialects.idFor("MariaDB", "10.6.21-MariaDB")).isEqualTo(SqlDialects.MARIADB);
        assertThat(SqlDialects.idFor("MySQL", "5.5.5-11.4.2-MariaDB")).isEqualTo(SqlDialects.MARIADB);
    }

    @Test
    void olderMariaDbMySqlAndH2KeepThePortableForms() {
        assertThat(SqlDialects.idFor("MySQL", "5.5.5-10.5.27-MariaDB")).isEqualTo(SqlDialects.MYSQL);
        assertThat(SqlDialects.idFor("MySQL", "8.0.40")).isEqualTo(SqlDialects.MYSQL);
        assertThat(SqlDialects.idFor("H2", "2.3.232 (2024-08-11)")).isEqualTo("h2");
        assertThat(SqlDialects.returnsInsertedRows(withId(SqlDialects.MYSQL))).isFalse();
        assertThat(SqlDialects.returnsInsertedRows(withId(SqlDialects.MARIADB))).isTrue();
    }

    private static Configuration withId(String databaseId) {
        Configuration configuration = new Configuration();
        configuration.setDatabaseId(databaseId);
        return configuration;
    }
}
