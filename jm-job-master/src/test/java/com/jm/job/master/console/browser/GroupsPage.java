package com.jm.job.master.console.browser;

import org.openqa.selenium.By;

/** The groups page: a row a group, whether it is paused, and the operator's pause and resume. */
final class GroupsPage {

    private final ConsoleBrowserTest test;

    GroupsPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("group-list")).isEmpty());
    }

    /** The group's paused cell: "yes" or "no". */
    String paused(long id) {
        return test.textOf(By.cssSelector("#group-" + id + " .group-paused"));
    }

    /** Pauses the group, accepting the confirmation first; answers the confirmation's text. */
    String pauseConfirmed(long id) {
        test.click(By.cssSelector("#group-" + id + " button.pause"));
        String question = test.acceptConfirmation();
        test.waitForText(By.cssSelector("#group-" + id + " .group-paused"), "yes");
        return question;
    }

    void resume(long id) {
        test.click(By.cssSelector("#group-" + id + " button.resume"));
        test.waitForText(By.cssSelector("#group-" + id + " .group-paused"), "no");
    }

    String notice() {
        return test.textOf(By.id("notice"));
    }

    /** Any pause or resume control on the page. */
    boolean hasControls() {
        return !test.findAll(By.cssSelector("#group-list form, #group-list button"))
                .isEmpty();
    }
}
