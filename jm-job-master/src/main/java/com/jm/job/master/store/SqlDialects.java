package com.jm.job.master.store;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.config.JmJobMasterProperties.SqlDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.apache.ibatis.session.Configuration;
import org.springframework.stereotype.Component;

/**
 * The one seam between SQL dialects. It names the database for MyBatis's {@code databaseId}, and
 * every difference between servers is a {@code databaseId} form in the mapper XML, decided by that
 * name alone:
 *
 * <ul>
 *   <li>{@value #MARIADB} (MariaDB 10.6+): the batch statements read the whole batch from one JSON
 *       parameter ({@link Batch}, {@code JSON_TABLE}); a claim reads its new run ids back with
 *       {@code RETURNING}; lookups by id force the primary key.
 *   <li>{@value #MYSQL} (MySQL, older MariaDB, and MariaDB with {@code jm.job.master.sql-dialect=portable}):
 *       the portable statements, lookups by id forcing the primary key (InnoDB).
 *   <li>anything else (the H2 demo): the portable statements as they are.
 * </ul>
 *
 * MySQL 8 has the same JSON_TABLE syntax, but these forms are tested on MariaDB only, so MySQL keeps
 * the portable ones. The suite runs the portable forms on MariaDB too, by the property.
 */
@Component
public class SqlDialects implements DatabaseIdProvider {

    public static final String MARIADB = "mariadb";
    public static final String MYSQL = "mysql";

    /** JSON_TABLE came with MariaDB 10.6; older servers run the portable statements. */
    private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB");

    private final SqlDialect dialect;

    public SqlDialects(JmJobMasterProperties properties) {
        this.dialect = properties.getSqlDialect();
    }

    @Override
    public String getDatabaseId(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String id = idFor(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
            return dialect == SqlDialect.PORTABLE && MARIADB.equals(id) ? MYSQL : id;
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
            return major > 10 || (major == 10 && minor >= 6) ? MARIADB : MYSQL;
        }
        return product.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a claim reads its new run ids back from the insert ({@code insertRunsReturning}, a
     * statement only the {@value #MARIADB} dialect has) rather than from generated keys: the one
     * choice the Java code makes, and it makes it from the same name.
     */
    public static boolean returnsInsertedRows(Configuration configuration) {
        return MARIADB.equals(configuration.getDatabaseId());
    }
}
