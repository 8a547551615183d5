package com.jm.job.master.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.springframework.stereotype.Component;

/**
 * Names the database for MyBatis's {@code databaseId}, so a mapper can give a statement a second
 * form for one server. Statements without a {@code databaseId} are portable (MariaDB, MySQL and the
 * H2 demo run them); a few batch statements have a {@code mariadb} form that reads the whole batch
 * from one JSON parameter ({@link Batch}). MySQL 8 has the same JSON_TABLE syntax, but these forms
 * are tested on MariaDB only, so MySQL keeps the portable ones.
 */
@Component
public class SqlDialects implements DatabaseIdProvider {

    public static final String MARIADB = "mariadb";

    @Override
    public String getDatabaseId(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            // Connector/J names a MariaDB server "MySQL"; its version string tells them apart.
            if ("MariaDB".equalsIgnoreCase(product)
                    || meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
                return MARIADB;
            }
            return product.toLowerCase(Locale.ROOT);
        }
    }
}
