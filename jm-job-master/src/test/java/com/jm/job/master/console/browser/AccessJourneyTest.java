package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.support.TestSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what in the console, in a real browser: a VIEWER sees no write control and a write
 * it forges anyway is refused with 403; a write without the CSRF token is refused even for an
 * operator; the console's session is no key to the API; signing out and an expired session both
 * lead back to the sign-in form, also from a part of a page that reloads itself.
 */
class AccessJourneyTest extends ConsoleBrowserTest {

    @Autowired
    GroupService groups;

    @Autowired
    TaskService tasks;

    long taskId;

    @BeforeEach
    void aTask() {
        long group = groups.create("billing").getId();
        taskId = tasks.insert(group, helloTask("invoices", "0 0 3 * * *", "{}")).getId();
    }

    @Test
    void aViewerSeesNoWriteControlsAndAForgedWriteIsRefused() {
        signIn(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);
        assertThat(textOf(By.id("read-only"))).isEqualTo("read only");
        assertThat(findAll(By.id("nav-audit")))
                .as("the audit trail is for operators")
                .isEmpty();

        open("/console/tasks");
        waitForText(By.cssSelector("#task-" + taskId + " .task-name"), "invoices");
        assertThat(findAll(By.id("new-task"))).isEmpty();
        assertThat(findAll(By.cssSelector("#task-list form"))).isEmpty();
        open("/console/tasks/" + taskId);
        assertThat(new TaskPage(this).hasWriteControls()).isFalse();
        open("/console/groups");
        assertThat(findAll(By.cssSelector("#group-list form"))).isEmpty();

        // The viewer's own session and a valid CSRF token: refused for the role alone.
        Fetched forged = fetch("POST", "/console/tasks/" + taskId + "/disable", "_csrf=" + csrfToken());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, taskId))
                .isZero();
        assertThat(fetch("GET", "/console/audit", null).status()).isEqualTo(403);
        // A form a viewer could not save is not shown to one either.
        assertThat(fetch("GET", "/console/tasks/new", null).status()).isEqualTo(403);
        assertThat(fetch("GET", "/console/tasks/" + taskId + "/edit", null).status())
                .isEqualTo(403);
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedEvenForAnOperator() {
        signInAsOperator();
        open("/console/tasks/" + taskId);
        new TaskPage(this);

        assertThat(fetch("POST", "/console/tasks/" + taskId + "/disable", "").status())
                .isEqualTo(403);
        assertThat(fetch("POST", "/console/tasks/" + taskId + "/disable", "_csrf=forged")
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, taskId))
                .isZero();
        // The same request with the page's token goes through: the refusals were the token's.
        assertThat(fetch("POST", "/console/tasks/" + taskId + "/disable", "_csrf=" + csrfToken())
                        .status())
                .isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, taskId))
                .isOne();
    }

    @Test
    void theConsoleSessionIsNoKeyToTheApi() throws Exception {
        signInAsOperator();
        String session = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/tasks")))
                                .header("Cookie", "JSESSIONID=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        // The same session does open the console.
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url("/console/tasks")))
                                        .header("Cookie", "JSESSIONID=" + session)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void signingOutAndAnExpiredSessionLeadBackToTheSignInForm() {
        signInAsOperator();
        find(By.id("logout")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/console/login?logout"));
        assertThat(textOf(By.id("login-logout"))).isEqualTo("You have signed out.");
        open("/console/tasks");
        waitFor(d -> d.getCurrentUrl().endsWith("/console/login"));

        signInAsOperator();
        open("/console/tasks");
        waitForText(By.cssSelector("#task-" + taskId + " .task-name"), "invoices");
        // The session the browser holds is no longer known to the master (expired): the list's
        // next reload takes the whole page to the sign-in form, which says why.
        browser.driver.manage().deleteCookieNamed("JSESSIONID");
        browser.driver.manage().addCookie(new Cookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF"));
        waitFor(d -> d.getCurrentUrl().endsWith("/console/login?expired"));
        assertThat(textOf(By.id("login-expired"))).isEqualTo("Your session has expired; sign in again.");
        // The reload that met the expired session was answered 401 (with HX-Redirect).
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("401"));
    }
}
