package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.service.GroupService;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task form: the API's validation messages at their fields (nothing written while any is
 * there), the next five fire times previewed while a cron is typed, and an edit that saves.
 */
class TaskFormTest extends ConsoleBrowserTest {

    @Autowired
    GroupService groups;

    @BeforeEach
    void aGroup() {
        groups.create("reports");
    }

    @Test
    void refusedFieldsShowTheApisMessagesAtTheField() {
        signInAsOperator();
        open("/console/tasks/new");
        TaskFormPage form = new TaskFormPage(this)
                .type("beanName", "1st-job")
                .group("reports")
                .saveRefused();
        assertThat(form.errorAt("name")).isEqualTo("name must not be blank");
        assertThat(form.errorAt("beanName"))
                .isEqualTo("beanName must be a Spring bean name: a letter, '_' or '$', then letters, digits, '_',"
                        + " '$', '.' or '-'");

        // Well-formed now; the service's own rule about the cron is shown at the cron field.
        form.type("name", "nightly").type("beanName", "helloJob").type("cron", "0 0 25 * * *");
        form = form.saveRefused();
        assertThat(form.errorAt("cron")).startsWith("invalid SPRING cron expression '0 0 25 * * *'");
        form.type("maxRetries", "three");
        form = form.saveRefused();
        assertThat(form.errorAt("maxRetries")).isEqualTo("maxRetries must be a whole number");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
    }

    @Test
    void theNextFiveFireTimesArePreviewedWhileTyping() {
        signInAsOperator();
        open("/console/tasks/new");
        TaskFormPage form = new TaskFormPage(this).type("cron", "0 30 6 * * *");
        List<String> times = waitFor(d -> {
            List<String> shown = d.findElements(By.cssSelector("#preview-times li")).stream()
                    .map(WebElement::getText)
                    .toList();
            return shown.size() == 5 ? shown : null;
        });
        assertThat(times).allMatch(t -> t.endsWith("T06:30Z"));
        assertThat(times).isSorted().doesNotHaveDuplicates();

        form.type("cron", "0 0 25 * * *");
        waitFor(d -> !d.findElements(By.cssSelector("#preview-errors li")).isEmpty());
        assertThat(textOf(By.cssSelector("#preview-errors li"))).startsWith("invalid SPRING cron expression");

        form.type("cron", "0 0 12 * * *");
        waitFor(d -> d.findElements(By.cssSelector("#preview-times li")).size() == 5
                && d.findElements(By.cssSelector("#preview-errors li")).isEmpty());
        assertThat(textOf(By.cssSelector("#preview-times li"))).endsWith("T12:00Z");

        // Quartz's reading, as XXL-JOB users write it: 6#3 is the third Friday (1 = Sunday).
        form.flavour("QUARTZ").type("cron", "0 0 10 ? * 6#3");
        List<String> fridays = waitFor(d -> {
            List<String> shown = d.findElements(By.cssSelector("#preview-times li")).stream()
                    .map(WebElement::getText)
                    .toList();
            return shown.size() == 5 && shown.get(0).endsWith("T10:00Z") ? shown : null;
        });
        assertThat(fridays).allSatisfy(t -> {
            LocalDate day = LocalDate.parse(t.substring(0, 10));
            assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
            assertThat(day.getDayOfMonth()).isBetween(15, 21);
        });
    }

    @Test
    void anEditIsSaved() {
        signInAsOperator();
        open("/console/tasks/new");
        TaskPage task = new TaskFormPage(this)
                .type("name", "weekly")
                .type("beanName", "helloJob")
                .group("reports")
                .type("cron", "0 0 7 * * MON")
                .save();
        long id = task.id();
        find(By.id("edit-task")).click();
        TaskPage edited = new TaskFormPage(this).type("name", "weekly report").save();
        waitFor(d -> "weekly report".equals(edited.name()));
        assertThat(jdbc.queryForObject("SELECT name FROM jm_task WHERE id = ?", String.class, id))
                .isEqualTo("weekly report");
        assertThat(jdbc.queryForObject("SELECT cron FROM jm_task WHERE id = ?", String.class, id))
                .isEqualTo("0 0 7 * * MON");
    }
}
