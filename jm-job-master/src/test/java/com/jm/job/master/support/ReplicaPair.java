package com.jm.job.master.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The private MariaDB primary/replica pair the read/write split is proven on. scripts/test.sh starts
 * it and passes its settings as {@code JMJOB_TEST_REPL_*}; when a test finds it missing or its
 * replica stopped (run from an IDE, or after the failover test), it starts the pair itself with the
 * same script. Root (empty password) administers both; the application reads the replica as a user
 * with plain DML grants, so a read-only replica really refuses its writes.
 */
public final class ReplicaPair {

    private ReplicaPair() {}

    public static int primaryPort() {
        return Integer.parseInt(TestDatabases.env("JMJOB_TEST_REPL_PRIMARY_PORT", "3407"));
    }

    public static int replicaPort() {
        return Integer.parseInt(TestDatabases.env("JMJOB_TEST_REPL_REPLICA_PORT", "3408"));
    }

    public static String database() {
        return TestDatabases.env("JMJOB_TEST_REPL_DATABASE", "jmjob_repl");
    }

    public static String appUser() {
        return TestDatabases.env("JMJOB_TEST_REPL_APP_USER", "jmjob_app");
    }

    public static String appPassword() {
        return TestDatabases.env("JMJOB_TEST_REPL_APP_PASSWORD", "jmjob_app");
    }

    public static String url(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database() + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** Makes sure both servers answer and the replica replicates, starting the pair if not. */
    public static synchronized void ensureRunning() {
        if (replicating()) {
            return;
        }
        ProjectScripts.run("replica-pair.sh", "start");
        if (!replicating()) {
            throw new IllegalStateException("the replica pair started but the replica does not replicate");
        }
    }

    /** Runs one statement as root on the given server. */
    public static void execAsRoot(int port, String sql) {
        try (Connection c = DriverManager.getConnection(url(port), "root", "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on port " + port + ": " + sql, e);
        }
    }

    private static boolean replicating() {
        if (!TestDatabases.reachable("127.0.0.1", primaryPort())
                || !TestDatabases.reachable("127.0.0.1", replicaPort())) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(url(replicaPort()), "root", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            return rs.next()
                    && "Yes".equals(rs.getString("Slave_IO_Running"))
                    && "Yes".equals(rs.getString("Slave_SQL_Running"));
        } catch (SQLException e) {
            return false;
        }
    }
}
