package com.jm.job.master.console.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** One run: its state and message, and its log as the page shows it. */
final class RunPage {

    private final ConsoleBrowserTest test;

    RunPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("run-facts")).isEmpty());
    }

    String state() {
        return test.textOf(By.id("run-state"));
    }

    String message() {
        return test.textOf(By.id("run-message"));
    }

    /** The log's line texts, in order. */
    List<String> lines() {
        return test.waitFor(d -> d.findElements(By.cssSelector("#run-log .line .text")).stream()
                .map(WebElement::getText)
                .toList());
    }

    /** Waits until the log shows at least {@code count} lines; answers them. */
    List<String> waitForLines(int count) {
        test.waitFor(d -> d.findElements(By.cssSelector("#run-log .line .text")).size() >= count);
        return lines();
    }
}
