package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.service.TaskDefinition;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the console's browser tests: a master on a random port over a fresh test database, one
 * headless Chromium per test class (cookies cleared before each test), nodes started on demand,
 * waits on what the page shows (never sleeps), a screenshot of a failed test's page under
 * {@code target/console-screenshots}, and no test passes with an error in the browser's console.
 */
@SpringBootTest(classes = JmJobMasterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserTest extends MariaDbTest {

    /** What a journey step waits for at most; a healthy page shows it within a second or two. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * The switch ({@code -Djmjob.screenshots=true}) by which the journeys picture each console page
     * for the README; off by default, so a build writes nothing into docs.
     */
    static final String SCREENSHOTS = "jmjob.screenshots";

    /** Where the pictures go (the tests run in the module's directory) and their fixed size. */
    static final Path PICTURES = Path.of("..", "docs", "console");

    static final Dimension PICTURE_SIZE = new Dimension(1280, 800);

    /** How long a node keeps asking for work while a journey shows that it is given none. */
    static final Duration QUIET = Duration.ofMillis(1_500);

    @LocalServerPort
    int port;

    Browser browser;
    private final List<JmJobNode> nodes = new ArrayList<>();

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot(Path.of(
                        "target",
                        "console-screenshots",
                        context.getRequiredTestClass().getSimpleName() + "-"
                                + context.getRequiredTestMethod().getName() + ".png"));
            }
        }
    };

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
        if (Boolean.getBoolean(SCREENSHOTS)) {
            // The window's size includes what headless Chromium reserves for its own frame: grow
            // it by that, so that the page itself (and so each picture) is PICTURE_SIZE.
            browser.driver.manage().window().setSize(PICTURE_SIZE);
            List<?> inner = (List<?>) browser.driver.executeScript("return [window.innerWidth, window.innerHeight]");
            browser.driver
                    .manage()
                    .window()
                    .setSize(new Dimension(
                            2 * PICTURE_SIZE.width - ((Number) inner.get(0)).intValue(),
                            2 * PICTURE_SIZE.height - ((Number) inner.get(1)).intValue()));
        }
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshSession() {
        clean();
        jdbc.update("DELETE FROM jm_audit");
        // Leave the last test's page first: its live part would reload without a session (401).
        browser.driver.get("about:blank");
        browser.driver.manage().deleteAllCookies();
        browser.consoleErrors(); // forget what an earlier test left
    }

    @AfterEach
    void noConsoleErrorsAndNoNodes() {
        nodes.forEach(JmJobNode::stop);
        nodes.clear();
        assertThat(browser.consoleErrors())
                .as("errors in the browser's console")
                .isEmpty();
    }

    /**
     * Sends a request from the page as a script on it could (same origin, the page's cookies) and
     * answers its status, without following a redirect. A refusal also shows in the browser's
     * console as a failed load: those messages are taken out of it here and answered, so the
     * check after the test still sees every other error.
     */
    Fetched fetch(String method, String path, String formBody) {
        Object status = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const init = {method: arguments[0], credentials: 'same-origin', redirect: 'manual'};"
                        + "if (arguments[2] !== null) {"
                        + "  init.body = arguments[2];"
                        + "  init.headers = {'Content-Type': 'application/x-www-form-urlencoded'};"
                        + "}"
                        + "fetch(arguments[1], init).then(r => done(r.type === 'opaqueredirect' ? 302 : r.status),"
                        + " e => done(String(e)));",
                method,
                path,
                formBody);
        return new Fetched(((Number) status).intValue(), browser.consoleErrors());
    }

    /** A request's status, and what the browser's console said about it. */
    record Fetched(int status, List<String> consoleErrors) {}

    /** The CSRF token of the page's sign-out form (every signed-in page has it). */
    String csrfToken() {
        return find(By.cssSelector("form[action$='/console/logout'] input[name='_csrf']"))
                .getAttribute("value");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    LoginPage openLogin() {
        browser.driver.get(url("/console/login"));
        return new LoginPage(this);
    }

    /** Signs in through the form and lands on the dashboard (or the page that sent the browser to sign in). */
    void signIn(String user, String password) {
        openLogin().signIn(user, password);
        waitFor(d ->
                d.getCurrentUrl().contains("/console") && !d.getCurrentUrl().contains("/console/login"));
    }

    void signInAsOperator() {
        signIn(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD);
    }

    void open(String path) {
        browser.driver.get(url(path));
    }

    /**
     * Waits for a condition on the page. Live parts of a page are replaced every 2 s, so an element
     * found a moment ago may be gone: the condition is simply evaluated again.
     */
    <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser.driver, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The text of the element, read again should a live part of the page have replaced it meanwhile. */
    String textOf(By by) {
        return waitFor(d -> d.findElement(by).getText());
    }

    /** Waits until the element's text is {@code text}, and answers the element. */
    WebElement waitForText(By by, String text) {
        waitFor(d -> {
            List<WebElement> found = d.findElements(by);
            return !found.isEmpty() && text.equals(found.get(0).getText());
        });
        return browser.driver.findElement(by);
    }

    /** Clicks the element, found again should a live part of the page have replaced it meanwhile. */
    void click(By by) {
        waitFor(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    WebElement find(By by) {
        return browser.driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return browser.driver.findElements(by);
    }

    /**
     * With {@link #SCREENSHOTS} on, writes the page as it is now to docs/console/{@code name}.png,
     * at a fixed window size so that a picture changes only when the page does.
     */
    void picture(String name) {
        if (Boolean.getBoolean(SCREENSHOTS)) {
            browser.screenshot(PICTURES.resolve(name + ".png"));
        }
    }

    /** Waits for the confirmation the console asks before a destructive action, accepts it, answers its text. */
    String acceptConfirmation() {
        var alert = waitFor(d -> {
            try {
                return d.switchTo().alert();
            } catch (NoAlertPresentException e) {
                return null;
            }
        });
        String question = alert.getText();
        alert.accept();
        return question;
    }

    boolean alertOpen() {
        try {
            browser.driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /**
     * A node of {@code group} (created when it registers) with a {@code helloJob} handler that
     * behaves as the sample's: logs its params and succeeds with "said hello to" them.
     */
    JmJobNode startNode(String group, String instance) {
        return startNode(group, instance, context -> {
            context.log("Hello from {} (attempt {}), params: {}", context.runId(), context.attempt(), context.params());
            return JobResult.success("said hello to " + context.params());
        });
    }

    JmJobNode startNode(String group, String instance, JobHandler helloJob) {
        JmJobNode node = JmJobNode.builder()
                .masterUrl(url(""))
                .token(TestSecurity.NODE_TOKEN)
                .group(group)
                .instance(instance)
                .handler("helloJob", helloJob)
                .pollWait(Duration.ofMillis(500))
                .heartbeatInterval(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(300))
                .runLogBuffer(1_000, Duration.ofMillis(50))
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .build();
        node.start();
        nodes.add(node);
        return node;
    }

    /** The id the master gave {@code node} when it registered, once it has. */
    long nodeId(JmJobNode node) {
        return waitFor(d -> node.nodeId().isPresent() ? node.nodeId().getAsLong() : null);
    }

    /**
     * Waits until {@code nodeId} has sent a heartbeat {@code QUIET} after now (database clock). The
     * nodes here ask for work every 500 ms and are woken at once by a new due task, so by then the
     * node has asked several times: a task still unclaimed was refused to it, not missed by chance.
     */
    void waitThroughPolls(long nodeId) {
        Timestamp until =
                jdbc.queryForObject("SELECT NOW(3) + INTERVAL ? MICROSECOND", Timestamp.class, QUIET.toNanos() / 1_000);
        waitFor(d -> jdbc.queryForObject(
                "SELECT last_heartbeat_at >= ? FROM jm_node WHERE id = ?", Boolean.class, until, nodeId));
    }

    /**
     * Lets {@code nodeId} ask for work a while, then opens {@code taskId}'s page and checks that
     * the task is still pending with no run: answers the page, which says why it waits.
     */
    TaskPage waitsUnclaimed(long taskId, long nodeId) {
        waitThroughPolls(nodeId);
        open("/console/tasks/" + taskId);
        TaskPage task = new TaskPage(this);
        assertThat(task.status()).isEqualTo("PENDING");
        assertThat(task.runCount()).isZero();
        return task;
    }

    /** A task for the {@code helloJob} handler, due at once unless {@code cron} schedules it. */
    static TaskDefinition helloTask(String name, String cron, String params) {
        return new TaskDefinition(
                name,
                "helloJob",
                cron,
                null,
                null,
                null,
                null,
                null,
                params,
                false,
                0,
                null,
                List.of(),
                false,
                0,
                TaskDefinition.Execution.DEFAULT);
    }

    /** The id of the group a node registered, once it has. */
    long groupId(String name) {
        return waitFor(d ->
                jdbc.query("SELECT id FROM jm_group WHERE name = ?", rs -> rs.next() ? rs.getLong(1) : null, name));
    }
}
