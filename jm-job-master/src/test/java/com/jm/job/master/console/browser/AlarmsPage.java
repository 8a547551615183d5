package com.jm.job.master.console.browser;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/** The alarms page: the rules (with an operator's edit and delete), then the deliveries. */
final class AlarmsPage {

    private final ConsoleBrowserTest test;

    AlarmsPage(ConsoleBrowserTest test) {
        this.test = test;
        test.waitFor(d -> !d.findElements(By.id("alarm-rules")).isEmpty());
    }

    AlarmRuleFormPage newRule() {
        test.find(By.id("new-rule")).click();
        return new AlarmRuleFormPage(test);
    }

    /** Waits until the rule's row shows {@code name}. */
    AlarmsPage waitForRule(long id, String name) {
        test.waitForText(By.cssSelector("#rule-" + id + " td:nth-child(2)"), name);
        return this;
    }

    boolean hasRule(long id) {
        return !test.findAll(By.id("rule-" + id)).isEmpty();
    }

    AlarmRuleFormPage edit(long id) {
        // The rules reload every 2 s: a click may meet a row just replaced, and is simply tried again.
        test.waitFor(d -> {
            d.findElement(By.cssSelector("#rule-" + id + " .edit-rule")).click();
            return true;
        });
        return new AlarmRuleFormPage(test);
    }

    /** Asks to delete the rule and answers the confirmation with {@code accept}; answers its question. */
    String delete(long id, boolean accept) {
        test.waitFor(d -> {
            d.findElement(By.cssSelector("#rule-" + id + " .delete-rule")).click();
            return true;
        });
        Alert alert = test.waitFor(d -> {
            try {
                return d.switchTo().alert();
            } catch (NoAlertPresentException e) {
                return null;
            }
        });
        String question = alert.getText();
        if (accept) {
            alert.accept();
        } else {
            alert.dismiss();
        }
        return question;
    }

    String notice() {
        return test.textOf(By.id("notice"));
    }

    boolean hasWriteControls() {
        return !test.findAll(By.id("new-rule")).isEmpty()
                || !test.findAll(By.cssSelector("#alarm-rules .edit-rule, #alarm-rules form"))
                        .isEmpty();
    }
}
