package com.jm.job.master.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * Where integration tests find a real MySQL-protocol server: the one named by
 * {@code JMJOB_TEST_DB_HOST/PORT/USER/PASSWORD}, else a local one on 127.0.0.1:3306, else a MySQL 8
 * container where Docker runs. With none of these the tests fail loudly: they are never skipped.
 * Each caller gets a fresh database of its own on that server.
 */
public final class TestDatabases {

    private static Server server;

    private TestDatabases() {}

    /** Connection settings of a server an admin user can create databases on. */
    public record Server(String host, int port, String user, String password) {

        public String url(String database) {
            return "jdbc:mysql://" + host + ":" + port + "/" + database
                    + "?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    /** Creates an empty utf8mb4 database with a unique name and returns its JDBC URL. */
    public static String createDatabase(String prefix) {
        Server s = server();
        String name = "jmjob_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(s.url(""), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + s.host() + ":" + s.port(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(s, name)));
        return s.url(name);
    }

    private static void drop(Server s, String name) {
        try (Connection c = DriverManager.getConnection(s.url(""), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            // The server may already be gone at JVM exit; a leftover test database is harmless.
        }
    }

    private static Server locate() {
        String host = env("JMJOB_TEST_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("JMJOB_TEST_DB_PORT", "3306"));
        Server configured =
                new Server(host, port, env("JMJOB_TEST_DB_USER", "root"), env("JMJOB_TEST_DB_PASSWORD", ""));
        if (reachable(host, port)) {
            return configured;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            MySQLContainer container = new MySQLContainer("mysql:8.4");
            container.start();
            return new Server(container.getHost(), container.getMappedPort(3306), "root", container.getPassword());
        }
        throw new IllegalStateException("No MySQL/MariaDB server for the integration tests: none reachable at "
                + host + ":" + port + " and no Docker for Testcontainers. Run scripts/test.sh (it starts or"
                + " installs one), or set JMJOB_TEST_DB_HOST/PORT/USER/PASSWORD.");
    }

    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
