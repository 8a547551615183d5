package com.jm.job.master.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** One task: its facts, its actions, its run history. */
final class TaskPage {

    private final ConsoleBrowserTest test;

    TaskPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("task-facts")).isEmpty());
    }

    long id() {
        String url = test.browser.driver.getCurrentUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
    }

    String name() {
        return test.textOf(By.id("task-name"));
    }

    /** Waits until the run history has {@code count} runs, the latest in {@code state}. */
    void waitForRuns(int count, String state) {
        test.waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#run-history tbody tr[id^='run-']"));
            return rows.size() == count
                    && state.equals(
                            rows.get(0).findElement(By.cssSelector(".state")).getText());
        });
    }

    /** The latest run's row's cell of the given class. */
    String latestRun(String cssClass) {
        return test.textOf(By.cssSelector("#run-history tbody tr[id^='run-'] ." + cssClass));
    }

    RunPage openLatestRun() {
        test.click(By.cssSelector("#run-history tbody tr[id^='run-'] a.run-link"));
        return new RunPage(test);
    }

    void trigger(String params) {
        test.find(By.id("trigger-params")).sendKeys(params);
        test.find(By.id("trigger-task")).click();
        test.waitFor(d -> !d.findElements(By.cssSelector("#notice, #problem")).isEmpty());
    }

    /** Disables the task, accepting the confirmation the console asks for first. */
    String disableConfirmed() {
        test.click(By.id("disable-task"));
        String question = test.acceptConfirmation();
        test.waitFor(d -> !d.findElements(By.id("task-disabled")).isEmpty());
        return question;
    }

    /** Why the master says the pending task is not claimed, once the page says so. */
    String waitingFor() {
        return test.textOf(By.id("task-waiting-for"));
    }

    /** Runs in the history, as the page shows them now. */
    int runCount() {
        return test.waitFor(d -> d.findElements(By.cssSelector("#run-history tbody tr[id^='run-']"))
                .size());
    }

    String status() {
        return test.textOf(By.id("task-status"));
    }

    boolean hasWriteControls() {
        return !test.findAll(By.id("task-actions")).isEmpty()
                || !test.findAll(By.id("edit-task")).isEmpty();
    }
}
