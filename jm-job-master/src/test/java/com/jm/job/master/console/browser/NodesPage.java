package com.jm.job.master.console.browser;

import java.util.Optional;
import org.openqa.selenium.By;

/** The nodes page: a row a node, whether it is disabled, and the operator's disable and enable. */
final class NodesPage {

    private final ConsoleBrowserTest test;

    NodesPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("node-list")).isEmpty());
    }

    /** Waits until the node's row is listed. */
    NodesPage waitForNode(long id) {
        test.waitFor(d -> !d.findElements(row(id)).isEmpty());
        return this;
    }

    /** Its row is marked disabled and shows the badge. */
    boolean isDisabled(long id) {
        // Read through waitFor for its retry when the live part is replaced; Optional because
        // waitFor would wait on a plain false.
        return test.waitFor(d -> {
                    var row = d.findElement(row(id));
                    return Optional.of(row.getAttribute("class").contains("disabled")
                            && !row.findElements(By.cssSelector(".disabled-badge"))
                                    .isEmpty());
                })
                .get();
    }

    /** Disables the node, accepting the confirmation first; answers the confirmation's text. */
    String disableConfirmed(long id) {
        test.click(By.cssSelector("#node-" + id + " button.disable"));
        String question = test.acceptConfirmation();
        test.waitFor(d -> !d.findElements(By.cssSelector("#node-" + id + ".disabled .disabled-badge"))
                .isEmpty());
        return question;
    }

    void enable(long id) {
        test.click(By.cssSelector("#node-" + id + " button.enable"));
        test.waitFor(d -> d.findElements(By.cssSelector("#node-" + id + " .disabled-badge"))
                        .isEmpty()
                && !d.findElements(By.cssSelector("#node-" + id + " button.disable"))
                        .isEmpty());
    }

    String notice() {
        return test.textOf(By.id("notice"));
    }

    /** Any disable or enable control on the page. */
    boolean hasControls() {
        return !test.findAll(By.cssSelector("#node-list form, #node-list button"))
                .isEmpty();
    }

    private static By row(long id) {
        return By.id("node-" + id);
    }
}
