package com.jm.job.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.apiclient.generated.ApiClient;
import com.jm.job.apiclient.generated.api.RunsApi;
import com.jm.job.apiclient.generated.api.TasksApi;
import com.jm.job.apiclient.generated.model.RunView;
import com.jm.job.apiclient.generated.model.TaskRequest;
import com.jm.job.apiclient.generated.model.TaskView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starter used from outside this repository: the worker app under {@code src/test/worker-app}
 * (Spring Boot, the jm-job-client dependency, the two jm.job.client properties, one {@code @JmJob}
 * method) is built in a temporary copy with {@code mvn -o package} against the artifacts
 * {@code mvn install} put into the local repository, started as users start it, and runs a task
 * the master hands it.
 */
class OutsideWorkerAppTest {

    @TempDir
    Path dir;

    @Test
    void workerBuiltAgainstTheInstalledStarterRunsATask() throws Exception {
        Path app = dir.resolve("worker-app");
        copy(Path.of("src", "test", "worker-app"), app);
        build(app);
        Path jar = app.resolve("target").resolve("outside-worker.jar");
        assertThat(jar).isRegularFile();

        MasterProcess master = MasterProcess.shared();
        Path marker = dir.resolve("marker.txt");
        ProcessBuilder worker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile());
        worker.environment().put("WORKER_MASTER_URL", master.url());
        worker.environment().put("JM_JOB_CLIENT_TOKEN", MasterProcess.NODE_TOKEN);
        Process process = worker.start();
        try {
            ApiClient operator = new ApiClient();
            operator.updateBaseUri(master.url());
            String basic = Base64.getEncoder()
                    .encodeToString((MasterProcess.OPERATOR + ":" + MasterProcess.OPERATOR_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8));
            operator.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
            TasksApi tasks = new TasksApi(operator);
            // The worker creates its group when it registers; the task can only be created after that.
            long groupId = await("the outside worker to register (log: " + dir.resolve("worker.log") + ")")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> groupOf(operator), id -> id != null);
            TaskView task = tasks.createTask(new TaskRequest()
                    .name("outside")
                    .beanName("outsideJob")
                    .groupId(groupId)
                    .params(marker.toString()));

            List<RunView> runs = await("the task to run on the outside worker")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> new RunsApi(operator)
                                    .listTaskRuns(task.getId(), 0, 20)
                                    .getItems(),
                            items -> !items.isEmpty() && items.get(0).getState() != RunView.StateEnum.RUNNING);
            assertThat(runs).extracting(RunView::getState).containsExactly(RunView.StateEnum.SUCCEEDED);
            assertThat(Files.readString(marker))
                    .isEqualTo("ran run " + runs.get(0).getId());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Long groupOf(ApiClient operator) throws Exception {
        return new com.jm.job.apiclient.generated.api.GroupsApi(operator)
                .listGroups(0, 200).getItems().stream()
                        .filter(g -> g.getName().equals("outside-worker"))
                        .map(g -> g.getId())
                        .findFirst()
                        .orElse(null);
    }

    /** {@code mvn -o package} with the Maven and the local repository of this build. */
    private static void build(Path app) throws IOException, InterruptedException {
        String mavenHome = System.getProperty("jmjob.maven.home");
        String mvn =
                mavenHome == null ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
        List<String> command = new ArrayList<>(
                List.of(mvn, "-B", "-o", "-q", "-Djm-job.version=" + System.getProperty("jmjob.version"), "package"));
        String repo = System.getProperty("jmjob.maven.repo");
        if (repo != null) {
            command.add(2, "-Dmaven.repo.local=" + repo);
        }
        Path log = app.resolve("build.log");
        Process build = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(build.waitFor(5, TimeUnit.MINUTES))
                .as("mvn -o package finished")
                .isTrue();
        assertThat(build.exitValue())
                .as(
                        "mvn -o package of the worker app (is jm-job installed? `mvn install -DskipTests`):%n%s",
                        Files.readString(log))
                .isZero();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
