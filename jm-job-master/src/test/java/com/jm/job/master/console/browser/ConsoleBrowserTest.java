package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.file.Path;
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

    WebElement find(By by) {
        return browser.driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return browser.driver.findElements(by);
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

    /** The id of the group a node registered, once it has. */
    long groupId(String name) {
        return waitFor(d ->
                jdbc.query("SELECT id FROM jm_group WHERE name = ?", rs -> rs.next() ? rs.getLong(1) : null, name));
    }
}
