package com.jm.job.master.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** JSON_TABLE came with MariaDB 10.6; older servers run the portable statements. */
    private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB");

    @Override
    public String getDatabaseId(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return idFor(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
        }
    }

    /** The database id for a server that names itself {@code product}, version {@code version}. */
    static String idFor(String product, String version) {
        // Connector/J names a MariaDB server "MySQL" (version "5.5.5-10.11.9-MariaDB"); the version
        // string tells them apart.
        Matcher mariadb = MARIADB_VERSION.matcher(version);
        if (mariadb.find()) {
            int major = Integer.parseInt(mariadb.group(1));
            int minor = Integer.parseInt(mariadb.group(2));
            return major > 10 || (major == 10 && minor >= 6) ? MARIADB : "mariadb-before-10.6";
        }
        return product.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the claim reads its new run ids back from the insert ({@code insertRunsReturning}, the
     * MariaDB form) rather than from generated keys.
     *
     * @param databaseId the id MyBatis resolved through {@link #getDatabaseId}
     */
    public static boolean returnsInsertedRows(String databaseId) {
        return MARIADB.equals(databaseId);
    }
}
