package com.jm.job.master.console.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Creating or editing an alarm rule: fields by name, events by box, the message at a field. */
final class AlarmRuleFormPage {

    private final ConsoleBrowserTest test;
    private final FormFields fields;

    AlarmRuleFormPage(ConsoleBrowserTest test) {
        this.test = test;
        this.fields = new FormFields(test, "alarm-form");
    }

    AlarmRuleFormPage type(String field, String text) {
        fields.type(field, text);
        return this;
    }

    String value(String field) {
        return test.find(By.id(field)).getAttribute("value");
    }

    AlarmRuleFormPage event(String event) {
        return tick(test.find(By.cssSelector("#events input[value='" + event + "']")));
    }

    /** Ticks a check box by its id. */
    AlarmRuleFormPage check(String id) {
        return tick(test.find(By.id(id)));
    }

    private AlarmRuleFormPage tick(WebElement box) {
        if (!box.isSelected()) {
            box.click();
        }
        return this;
    }

    /** Saves; answers the list of rules it lands on. */
    AlarmsPage save() {
        test.find(By.id("save-rule")).click();
        test.waitFor(d -> !d.findElements(By.id("notice")).isEmpty());
        return new AlarmsPage(test);
    }

    /** Saves a form that is refused: the same form comes back, with messages at the fields. */
    AlarmRuleFormPage saveRefused() {
        fields.saveRefused("save-rule");
        return new AlarmRuleFormPage(test);
    }

    String errorAt(String field) {
        return fields.errorAt(field);
    }

    /** The hint beside a secret field that says one is stored, or null when there is none. */
    String storedHint(String field) {
        return test.findAll(By.id(field + "-set")).stream()
                .findFirst()
                .map(WebElement::getText)
                .orElse(null);
    }
}
