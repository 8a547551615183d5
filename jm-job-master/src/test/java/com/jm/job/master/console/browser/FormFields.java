package com.jm.job.master.console.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What every console form's page object does alike: fields by id, the message at a field, a refused save. */
final class FormFields {

    private final ConsoleBrowserTest test;

    /** Waits for the form with id {@code formId}. */
    FormFields(ConsoleBrowserTest test, String formId) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id(formId)).isEmpty());
    }

    void type(String field, String text) {
        WebElement input = test.find(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Clicks the save button of a form that is refused, and waits for the form it comes back as
     * (a new page: the old one may already show messages of an earlier refusal).
     */
    void saveRefused(String button) {
        WebElement save = test.find(By.id(button));
        save.click();
        test.waitFor(ExpectedConditions.stalenessOf(save));
        test.waitFor(d -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
    }

    String errorAt(String field) {
        return test.find(By.id(field + "-error")).getText();
    }
}
