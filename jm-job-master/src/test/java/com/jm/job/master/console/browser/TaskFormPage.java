package com.jm.job.master.console.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Creating or editing a task: fields by name, the message shown at a field, the schedule preview. */
final class TaskFormPage {

    private final ConsoleBrowserTest test;

    TaskFormPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("task-form")).isEmpty());
    }

    TaskFormPage type(String field, String text) {
        WebElement input = test.find(By.id(field));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    TaskFormPage group(String name) {
        new Select(test.find(By.id("groupId"))).selectByVisibleText(name);
        return this;
    }

    TaskFormPage flavour(String flavour) {
        new Select(test.find(By.id("cronFlavour"))).selectByValue(flavour);
        return this;
    }

    /** Saves; answers the task page it lands on. */
    TaskPage save() {
        test.find(By.id("save-task")).click();
        return new TaskPage(test);
    }

    /** Saves a form that is refused: the same form comes back, with messages at the fields. */
    TaskFormPage saveRefused() {
        test.find(By.id("save-task")).click();
        test.waitFor(d -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
        return new TaskFormPage(test);
    }

    String errorAt(String field) {
        return test.find(By.id(field + "-error")).getText();
    }
}
