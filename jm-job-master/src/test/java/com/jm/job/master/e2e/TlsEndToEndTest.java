package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobResult;
import com.jm.job.client.master.PemTrust;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Node and master over HTTPS with certificates made when the test runs (the JDK's keytool; nothing
 * secret is committed): the master serves its SSL bundle, a node that trusts the master's
 * certificate runs a task end to end, a node that trusts another certificate is refused with a
 * clear log line, and plain HTTP to the HTTPS port is refused.
 */
@SpringBootTest(classes = JmJobMasterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TlsEndToEndTest extends MariaDbTest {

    private static final Path DIR = certificates();

    @LocalServerPort
    int port;

    @Autowired
    GroupMapper groups;

    @Autowired
    TaskMapper tasks;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("server.ssl.bundle", () -> "jmjob");
        registry.add("spring.ssl.bundle.jks.jmjob.keystore.location", () -> "file:" + DIR.resolve("master.p12"));
        registry.add("spring.ssl.bundle.jks.jmjob.keystore.password", () -> "changeit");
        registry.add("spring.ssl.bundle.jks.jmjob.keystore.type", () -> "PKCS12");
    }

    @AfterAll
    static void removeCertificates() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DIR);
    }

    @Test
    void aNodeThatTrustsTheMastersCertificateRunsATaskOverHttps() throws Exception {
        clean();
        long groupId = Fixtures.group(groups).getId();
        String group = jdbc.queryForObject("SELECT name FROM jm_group WHERE id = ?", String.class, groupId);
        long taskId = Fixtures.pendingTask(tasks, groupId, "over-tls").getId();
        JmJobNode node = node(group, PemTrust.sslContext(DIR.resolve("master.pem")));
        node.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED"
                    .equals(jdbc.query(
                            "SELECT state FROM jm_task_run WHERE task_id = ?",
                            rs -> rs.next() ? rs.getString(1) : null,
                            taskId)));
        } finally {
            node.stop();
        }
    }

    @Test
    void aNodeThatDoesNotTrustTheMastersCertificateIsRefusedWithAClearLogLine(CapturedOutput output) {
        JmJobNode node = node("untrusting", PemTrust.sslContext(DIR.resolve("other.pem")));
        node.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> output.getAll().contains("its TLS certificate is not trusted"));
            assertThat(node.nodeId()).isEmpty();
            assertThat(output.getAll()).contains("jm.job.client.ssl.trust-pem");
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM jm_node n JOIN jm_group g ON g.id = n.group_id WHERE g.name = ?",
                            Long.class,
                            "untrusting"))
                    .isZero();
        } finally {
            node.stop();
        }
    }

    @Test
    void plainHttpToTheHttpsPortIsRefused() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("\"items\"");
    }

    private JmJobNode node(String group, javax.net.ssl.SSLContext trust) {
        return JmJobNode.builder()
                .masterUrls(List.of(URI.create("https://localhost:" + port)))
                .sslContext(trust)
                .token(TestSecurity.NODE_TOKEN)
                .group(group)
                .handler("helloJob", context -> JobResult.success("over tls"))
                .pollWait(Duration.ofMillis(200))
                .heartbeatInterval(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(300))
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .build();
    }

    /** A self-signed master certificate for localhost and 127.0.0.1, and an unrelated one. */
    private static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("jm-job-tls");
            for (String alias : List.of("master", "other")) {
                keytool(
                        dir,
                        alias,
                        "genkeypair",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2");
                keytool(
                        dir,
                        alias,
                        "exportcert",
                        "-rfc",
                        "-file",
                        dir.resolve(alias + ".pem").toString());
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(Path dir, String alias, String command, String... args) throws IOException {
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-" + command,
                "-alias",
                alias,
                "-keystore",
                dir.resolve(alias + ".p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit"));
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + command + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
