package com.jm.job.master.console.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Creating or editing a task: fields by name, the message shown at a field, the schedule preview. */
final class TaskFormPage {

    private final ConsoleBrowserTest test;
    private final FormFields fields;

    TaskFormPage(ConsoleBrowserTest test) {
        this.test = test;
        this.fields = new FormFields(test, "task-form");
    }

    TaskFormPage type(String field, String text) {
        fields.type(field, text);
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
        fields.saveRefused("save-task");
        return new TaskFormPage(test);
    }

    String errorAt(String field) {
        return fields.errorAt(field);
    }
}
