package com.jm.job.master.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own (data dir, port and socket), started and stopped with
 * {@code scripts/private-mariadb.sh}, so a test can take the database away from a master and give
 * it back on the same data without touching the shared server other tests use. Root with an empty
 * password; one database, {@value #DATABASE}. Closing it stops the server and deletes its files;
 * so does the JVM's exit, should a test die first.
 */
public final class PrivateMariaDb implements AutoCloseable {

    public static final String DATABASE = "jmjob";

    private final Path dir;
    private final int port;
    private final Thread cleanup = new Thread(this::close, "jm-job-test-private-mariadb-cleanup");
    private boolean closed;

    private PrivateMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Creates and starts a fresh server on a free port, with an empty {@value #DATABASE} database. */
    public static PrivateMariaDb start() {
        Path dir;
        try {
            // Short and outside target/: the unix socket path must stay under ~100 bytes.
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jmjob-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateMariaDb db = new PrivateMariaDb(dir, Ports.free());
        Runtime.getRuntime().addShutdownHook(db.cleanup);
        db.startServer();
        db.exec("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return db;
    }

    /** Starts the server again on the same data dir and port. */
    public void startServer() {
        script("start", dir.toString(), Integer.toString(port));
    }

    /** Shuts the server down cleanly (SIGTERM): every client connection is closed, the data stays. */
    public void stopServer() {
        script("stop", dir.toString());
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the {@value #DATABASE} database. */
    public String url() {
        return url(DATABASE);
    }

    private String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    public String user() {
        return "root";
    }

    public String password() {
        return "";
    }

    private void exec(String sql) {
        try (Connection c = DriverManager.getConnection(url(""), user(), password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on the private MariaDB: " + sql, e);
        }
    }

    private static void script(String... args) {
        Path script =
                Path.of("..", "scripts", "private-mariadb.sh").toAbsolutePath().normalize();
        try {
            Process process = new ProcessBuilder(Stream.concat(Stream.of("bash", script.toString()), Stream.of(args))
                            .toList())
                    .inheritIO()
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "scripts/private-mariadb.sh " + String.join(" ", args) + " failed; see the output above");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            deleteTree(dir);
            if (Thread.currentThread() != cleanup) {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
