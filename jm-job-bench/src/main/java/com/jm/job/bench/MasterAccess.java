package com.jm.job.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * How the benchmark reaches the jm-job masters it starts: fresh credentials per run (a master on
 * MariaDB refuses to start without them), the arguments that give them to a master, and the
 * operators' API over HTTP with the bearer token.
 */
final class MasterAccess {

    /** The bearer token of the benchmark's operator. */
    final String apiToken = secret();

    /** The node token the masters expect and the benchmark's nodes send. */
    final String nodeToken = secret();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** Master command-line arguments configuring these credentials. */
    List<String> masterArgs() {
        return List.of(
                "--jm.job.master.security.tokens[0].name=bench",
                "--jm.job.master.security.tokens[0].token=" + apiToken,
                "--jm.job.master.security.tokens[0].role=OPERATOR",
                "--jm.job.master.security.node-token=" + nodeToken);
    }

    /**
     * {@code -jar <master>} and the arguments of a master on {@code database} at {@code port}:
     * these credentials, then {@code extra}, then the run's own {@code --master-args}.
     */
    List<String> masterLaunch(BenchOptions options, String database, int port, List<String> extra) {
        List<String> launch = new java.util.ArrayList<>(List.of(
                "-jar",
                options.masterJar().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + options.jdbcUrl(database),
                "--spring.datasource.username=" + options.dbUser(),
                "--spring.datasource.password=" + options.dbPassword(),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        launch.addAll(masterArgs());
        launch.addAll(extra);
        launch.addAll(options.masterArgs());
        return launch;
    }

    /** POSTs to a master's API; anything but 2xx fails with the answer. */
    String post(String baseUrl, String path, String json) throws IOException, InterruptedException {
        return send(
                "POST",
                path,
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs from a master as the operator (the API, or {@code /actuator/prometheus}); 2xx or it fails. */
    String get(String baseUrl, String path) throws IOException, InterruptedException {
        return send(
                "GET", path, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private String send(String method, String path, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Whether the master at {@code baseUrl} answers its health endpoint with 200. */
    boolean answers(String baseUrl) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
