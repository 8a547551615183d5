package com.jm.job.bench;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console's task list on a big table ({@code --only=console}): {@code --console-tasks} task rows
 * (100,000 by default) in five groups with a mix of statuses, written by SQL; an operator signed in
 * through the console's form (session cookie, CSRF token, as a browser does); then each list page
 * a browser asks for, timed from request to the last byte of the rendered page. The issue's
 * target: the task list answers in under 500 ms.
 */
final class ConsoleScenario {

    static final String DATABASE = "jmjob_console_bench";
    static final String BEGIN = "<!-- bench-console:begin -->";
    static final String END = "<!-- bench-console:end -->";
    private static final double TARGET_MS = 500;
    private static final int GROUPS = 5;
    private static final String USER = "bench-operator";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private final MasterAccess access = new MasterAccess();
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final HttpClient browser = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Random random = new Random(42);

    ConsoleScenario(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    String run(String date, Machine machine) throws Exception {
        database.recreate(DATABASE);
        List<ChildJvm> processes = new ArrayList<>();
        try {
            ChildJvm master = ChildJvm.start(
                    "master",
                    List.of("-Xms256m", "-Xmx512m"),
                    access.masterLaunch(
                            options,
                            DATABASE,
                            options.masterPort(),
                            List.of(
                                    "--jm.job.master.security.users[0].name=" + USER,
                                    "--jm.job.master.security.users[0].password="
                                            + new BCryptPasswordEncoder(10).encode(password),
                                    "--jm.job.master.security.users[0].role=OPERATOR")),
                    logDir,
                    line -> {});
            processes.add(master);
            Waits.until(
                    "the master to answer",
                    Duration.ofSeconds(180),
                    () -> access.answers(url()),
                    () -> ChildJvm.requireAlive(processes, logDir));
            List<Long> groups = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                groups.add(JmJobContender.id(access.post(url(), "/api/groups", "{\"name\":\"console-" + g + "\"}")));
            }
            long rows = preload(groups);
            signIn();
            Map<String, String> pages = pages(groups.get(2), rows);
            // Warm-up, not measured: the first renders compile the templates and load classes.
            for (int i = 0; i < 20; i++) {
                for (String path : pages.values()) {
                    get(path);
                }
            }
            Map<String, Results.Latency> measured = new LinkedHashMap<>();
            List<Double> all = new ArrayList<>();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < options.latencySamples(); i++) {
                    long started = System.nanoTime();
                    get(page.getValue());
                    millis.add((System.nanoTime() - started) / 1e6);
                    Thread.sleep(5 + random.nextInt(20));
                }
                measured.put(page.getKey(), Results.Latency.of(millis, 0));
                all.addAll(millis);
                System.out.printf(
                        Locale.ROOT,
                        "[bench] console: %s p50 %.1f ms, p99 %.1f ms%n",
                        page.getKey(),
                        measured.get(page.getKey()).p50(),
                        measured.get(page.getKey()).p99());
            }
            return render(date, machine, rows, measured, Results.Latency.of(all, 0));
        } finally {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
            if (!options.keepDatabases()) {
                database.drop(DATABASE);
            }
        }
    }

    /**
     * The task rows, spread over the groups round-robin: most never started or pending, some in
     * error, every tenth disabled; names {@code job-00000-<group>} so a name prefix selects a few.
     */
    private long preload(List<Long> groups) throws Exception {
        int count = options.consoleTasks();
        try (Connection connection = database.connect(DATABASE)) {
            connection.setAutoCommit(false);
            Database.insertRows(
                    connection,
                    "INSERT INTO jm_task (name, bean_name, status, disable, retry, group_id, next_fire_time,"
                            + " pending_cause, max_retries, attempt, version, created_at, updated_at) VALUES",
                    count,
                    i -> {
                        int status = i % 7 == 0 ? 3 : i % 3 == 0 ? 0 : 1;
                        return "('" + String.format(Locale.ROOT, "job-%05d-%d", i, i % GROUPS) + "','benchJob',"
                                + status + "," + (i % 10 == 0 ? 1 : 0) + ",0," + groups.get(i % GROUPS) + ","
                                + (status == 1 ? "TIMESTAMPADD(DAY, 1, NOW(3))" : "NULL")
                                + ",'INSERT',0,0,0,NOW(3),NOW(3))";
                    });
            connection.commit();
            // Fresh statistics, as the server has after a while on a table of this size.
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE TABLE jm_task");
            }
            return Database.queryLong(connection, "SELECT COUNT(*) FROM jm_task");
        }
    }

    /** What an operator asks for: the first page, each filter, a page deep in the list. */
    private static Map<String, String> pages(long group, long rows) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("all tasks, first page", "/console/tasks");
        pages.put("one group", "/console/tasks?groupId=" + group);
        pages.put("status ERROR", "/console/tasks?status=ERROR");
        pages.put("one group, disabled", "/console/tasks?groupId=" + group + "&disabled=true");
        pages.put("name prefix", "/console/tasks?name=" + URLEncoder.encode("job-0420", StandardCharsets.UTF_8));
        pages.put("page 100", "/console/tasks?page=100");
        pages.put("last page", "/console/tasks?page=" + (rows / 20 - 1));
        return pages;
    }

    /** The console's form sign-in, as a browser does it: its CSRF token, then the POST. */
    private void signIn() throws Exception {
        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(url() + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + form.statusCode());
        }
        String body = "username=" + USER + "&password=" + password + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(url() + "/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in answered " + signedIn.statusCode() + " to " + location);
        }
    }

    private void get(String path) throws Exception {
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200 || !page.body().contains("</html>")) {
            throw new IllegalStateException("GET " + path + " answered " + page.statusCode());
        }
    }

    private String render(
            String date, Machine machine, long rows, Map<String, Results.Latency> pages, Results.Latency all) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Run of %s (`--only=console`): %,d tasks in %d groups, one master (`-Xmx512m`), signed in through"
                        + " the console's form; %d requests a page after 20 unmeasured rounds. %d cores (%s), %s, %s."
                        + " Load average (1/5/15 min) at the end: %s.%n%n",
                date,
                rows,
                GROUPS,
                options.latencySamples(),
                machine.cores(),
                machine.cpu(),
                machine.database(),
                machine.jdk(),
                Machine.loadAverage()));
        md.append("| task list page | p50 / p95 / p99 / max (ms) |\n|---|---:|\n");
        pages.forEach((label, l) ->
                md.append("| ").append(label).append(" | ").append(quad(l)).append(" |\n"));
        md.append("| all pages together | ").append(quad(all)).append(" |\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Target: the task list answers in under %.0f ms with 100,000 tasks (p99 of every page): %s.%n",
                TARGET_MS,
                pages.values().stream().allMatch(l -> l.p99() < TARGET_MS) ? "met" : "**not met**"));
        return md.toString();
    }

    private static String quad(Results.Latency l) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", l.p50(), l.p95(), l.p99(), l.max());
    }

    private String url() {
        return "http://127.0.0.1:" + options.masterPort();
    }
}
