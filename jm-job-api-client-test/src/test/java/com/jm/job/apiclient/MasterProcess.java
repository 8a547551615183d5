package com.jm.job.apiclient;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The master as users run it: its executable jar in a JVM of its own, on a fresh database of the
 * MariaDB/MySQL server the suite uses ({@code JMJOB_TEST_DB_*}, default 127.0.0.1:3306 root). One per
 * test JVM, shared by the test classes of this module, stopped when the JVM ends.
 */
final class MasterProcess {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-pass";
    static final String NODE_TOKEN = "api-client-test-node-token-0123456789abcdef";

    /** bcrypt (cost 4, fast to check) of {@link #OPERATOR_PASSWORD}. */
    private static final String OPERATOR_HASH = "$2a$04$AY9ALqpVoJB9koQykAX3bOoH/HSfUOdBUpucAjAUTJSWllK.bpw7K";

    private static MasterProcess shared;

    private final Process process;
    private final Path log;
    private final int port;

    private MasterProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static synchronized MasterProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroyForcibly));
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private static MasterProcess start() {
        Path jar = Path.of(System.getProperty("jmjob.master.jar", "missing"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no master jar at " + jar + ": run `mvn verify` (or `package`), which"
                    + " builds jm-job-master before this module");
        }
        String host = env("JMJOB_TEST_DB_HOST", "127.0.0.1");
        String dbPort = env("JMJOB_TEST_DB_PORT", "3306");
        String user = env("JMJOB_TEST_DB_USER", "root");
        String password = env("JMJOB_TEST_DB_PASSWORD", "");
        String server = "jdbc:mysql://" + host + ":" + dbPort + "/";
        String database = "jmjob_apiclient_" + UUID.randomUUID().toString().substring(0, 8);
        String options = "?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
        sql(server + options, user, password, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> sql(server + options, user, password, "DROP DATABASE " + database)));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + server + database + options,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--jm.job.master.security.users[0].name=" + OPERATOR,
                "--jm.job.master.security.users[0].password=" + OPERATOR_HASH,
                "--jm.job.master.security.users[0].role=OPERATOR",
                "--jm.job.master.security.node-token=" + NODE_TOKEN));
        try {
            Path dir = Files.createDirectories(Path.of("target", "jvms"));
            Path log = dir.resolve("master-" + System.currentTimeMillis() + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MasterProcess master = new MasterProcess(process, log, port);
            master.awaitHealthy();
            return master;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).build();
        await("the master at " + url() + " to answer its health check (log: " + log + ")")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "the master exited with " + process.exitValue() + ":\n" + Files.readString(log));
                    }
                    try {
                        return http.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static void sql(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run `" + statement + "` on " + url, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
