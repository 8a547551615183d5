package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.TestSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Postman collection in docs/ is the API as a Postman user meets it: it has a request for every
 * operation of docs/openapi.json, the standard parser (@apidevtools/swagger-parser) finds the document
 * valid, and newman runs the whole collection, error cases included, against a real master with
 * every assertion passing. newman and the parser are npm packages that scripts/test.sh installs; this
 * test only calls them (Node.js stays out of the Maven build).
 */
class PostmanCollectionTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Path COLLECTION = DOCS.resolve("jm-job.postman_collection.json");
    private static final Path ENVIRONMENT = DOCS.resolve("jm-job-demo.postman_environment.json");
    private static final Path DOCUMENT = DOCS.resolve("openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyOperationOfTheDocumentHasARequest() throws IOException {
        Map<String, String> methods = new HashMap<>();
        JSON.readTree(DOCUMENT.toFile()).path("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(op -> methods.put(
                        op.getValue().path("operationId").asString(),
                        op.getKey().toUpperCase())));
        Set<String> covered = new TreeSet<>();
        for (JsonNode request : requests()) {
            String operation = request.path("name").asString().split(":")[0];
            assertThat(methods)
                    .as("request '%s' names an operation", request.path("name"))
                    .containsKey(operation);
            assertThat(request.path("request").path("method").asString())
                    .as("method of request '%s'", request.path("name"))
                    .isEqualTo(methods.get(operation));
            covered.add(operation);
        }
        assertThat(covered).isEqualTo(new TreeSet<>(methods.keySet()));
    }

    @Test
    void theDocumentIsValidForTheStandardParser() throws Exception {
        String script = "require('@apidevtools/swagger-parser').validate(process.argv[1])"
                + ".then(api => console.log('valid ' + api.openapi), e => { console.error(e.message); process.exit(1); })";
        Result result = run(List.of("node", "-e", script, DOCUMENT.toString()), Map.of("NODE_PATH", npmRoot()));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("valid 3.1");
    }

    @Test
    void newmanRunsTheCollectionAgainstAMaster() throws Exception {
        Path report = Files.createDirectories(Path.of("target", "newman")).resolve("report.json");
        Files.deleteIfExists(report);
        try (MasterInstance master = MasterInstance.onFreshDatabase().start()) {
            Result result = run(
                    List.of(
                            newman(),
                            "run",
                            COLLECTION.toString(),
                            "-e",
                            ENVIRONMENT.toString(),
                            "--env-var",
                            "baseUrl=" + master.url(),
                            "--env-var",
                            "user=" + TestSecurity.OPERATOR,
                            "--env-var",
                            "password=" + TestSecurity.OPERATOR_PASSWORD,
                            "--env-var",
                            "nodeToken=" + TestSecurity.NODE_TOKEN,
                            "--reporters",
                            "cli,json",
                            "--reporter-json-export",
                            report.toString(),
                            "--color",
                            "off"),
                    Map.of());
            assertThat(result.exit()).as(result.output()).isZero();
        }
        JsonNode stats = JSON.readTree(report.toFile()).path("run").path("stats");
        int requests = requests().size();
        assertThat(stats.path("requests").path("total").asInt()).isEqualTo(requests);
        assertThat(stats.path("assertions").path("failed").asInt()).isZero();
        // A status and at least one body assertion per request.
        assertThat(stats.path("assertions").path("total").asInt()).isGreaterThanOrEqualTo(2 * requests);
    }

    private static List<JsonNode> requests() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        collect(JSON.readTree(COLLECTION.toFile()).path("item"), requests);
        return requests;
    }

    private static void collect(JsonNode items, List<JsonNode> into) {
        for (JsonNode item : items) {
            if (item.has("request")) {
                into.add(item);
            } else {
                collect(item.path("item"), into);
            }
        }
    }

    private static String newman() {
        String configured = System.getenv("JMJOB_NEWMAN");
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "newman"))) {
                return Path.of(dir, "newman").toString();
            }
        }
        throw new IllegalStateException("newman is not installed: scripts/test.sh installs it (as root, with npm),"
                + " or run `npm install -g newman@6.2.2 @apidevtools/swagger-parser@10`, or set JMJOB_NEWMAN");
    }

    private static String npmRoot() throws Exception {
        Result root = run(List.of("npm", "root", "-g"), Map.of());
        assertThat(root.exit()).as("npm root -g: %s", root.output()).isZero();
        return root.output().strip();
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("jmjob-node", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
