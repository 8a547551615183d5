package com.jm.job.master.importer;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a read-only connection to a checked source URL with MySQL Connector/J (named here, never
 * picked by the URL), with the options that make a driver load files or objects switched off.
 */
final class SourceConnection {

    private SourceConnection() {}

    /**
     * @throws RefusedSourceException when the driver does not take the URL
     * @throws SQLException when the server cannot be reached or refuses the user
     */
    static Connection open(SourceUrl url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // Also off by default; said again so no default of a later driver can turn them on.
        properties.setProperty("allowLoadLocalInfile", "false");
        properties.setProperty("allowUrlInLocalInfile", "false");
        properties.setProperty("autoDeserialize", "false");
        properties.putIfAbsent("connectTimeout", "10000");
        Connection connection = connectorJ().connect(url.jdbcUrl(), properties);
        if (connection == null) {
            throw new RefusedSourceException("MySQL Connector/J does not take " + url.display());
        }
        connection.setReadOnly(true);
        return connection;
    }

    private static Driver connectorJ() {
        try {
            return (Driver) Class.forName("com.mysql.cj.jdbc.Driver")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MySQL Connector/J is not on the master's class path", e);
        }
    }
}
