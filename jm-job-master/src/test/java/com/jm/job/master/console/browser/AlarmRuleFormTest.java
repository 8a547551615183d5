package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.TestSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alarm rules written from the console: the API's messages at the fields, secrets that are never
 * shown and kept when left empty, a delete that asks first; a viewer sees none of it and a write
 * it forges is refused. (The test master has no params key, so secrets are stored as given and
 * the database shows directly whether one was kept.)
 */
class AlarmRuleFormTest extends ConsoleBrowserTest {

    static final String URL = "https://hooks.example.com/services/T000/B000/token-in-url";
    static final String KEY = "first-signing-key";
    /** A name with markup in it: shown as text in the list, the form and the delete question. */
    static final String EDITED = "billing failures, <b>all</b>";

    static final String HOSTILE = "<img src=x id=injected>on call";

    @Autowired
    AlarmService alarms;

    @Test
    void anOperatorCreatesEditsAndDeletesAWebhookRule() {
        signInAsOperator();
        open("/console/alarms");
        AlarmRuleFormPage form = new AlarmsPage(this)
                .newRule()
                .type("name", "billing failures")
                .event("RUN_FAILED")
                .event("TASK_ERROR")
                .type("webhookUrl", "ftp://hooks.example.com/x")
                .type("hmacSecret", KEY)
                .type("webhookHeaders", ": billing")
                .saveRefused();
        // The request record's constraint first (the API's words), then the service's own rule.
        assertThat(form.errorAt("webhookHeaders")).isEqualTo("webhookHeaders must not be blank");
        form = form.type("webhookUrl", "ftp://hooks.example.com/x")
                .type("webhookHeaders", "X-Team: billing")
                .saveRefused();
        assertThat(form.errorAt("webhookUrl")).isEqualTo("webhookUrl must be an http or https URL");
        assertThat(findAll(By.id("webhookHeaders-error"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_alarm_rule", Long.class))
                .isZero();
        // What was typed stays, except the secrets, which are never put into a page.
        assertThat(form.value("name")).isEqualTo("billing failures");
        assertThat(form.value("webhookUrl")).isEmpty();
        assertThat(browser.driver.getPageSource())
                .doesNotContain(KEY)
                .doesNotContain("hooks.example.com")
                .doesNotContain("X-Team: billing");

        AlarmsPage list = form.type("webhookUrl", URL)
                .type("hmacSecret", KEY)
                .type("webhookHeaders", "X-Team: billing")
                .save();
        assertThat(list.notice()).isEqualTo("Alarm rule created.");
        long id = jdbc.queryForObject("SELECT id FROM jm_alarm_rule WHERE name = 'billing failures'", Long.class);
        list.waitForRule(id, "billing failures");
        Map<String, Object> stored = secrets(id);
        assertThat(stored.get("hmac_secret")).isEqualTo(KEY);
        assertThat(stored.get("webhook_url")).isEqualTo(URL);
        assertThat(jdbc.queryForObject("SELECT events FROM jm_alarm_rule WHERE id = ?", String.class, id))
                .isEqualTo("RUN_FAILED,TASK_ERROR");

        AlarmRuleFormPage edit = list.edit(id);
        assertThat(edit.value("name")).isEqualTo("billing failures");
        assertThat(edit.value("webhookUrl")).isEmpty();
        assertThat(edit.value("hmacSecret")).isEmpty();
        assertThat(edit.storedHint("webhookUrl")).isEqualTo("Set. Leave empty to keep it.");
        assertThat(edit.storedHint("hmacSecret")).isEqualTo("Set. Leave empty to keep it.");
        assertThat(edit.storedHint("webhookHeaders")).startsWith("Set (X-Team).");
        String source = browser.driver.getPageSource();
        assertThat(source).doesNotContain(KEY).doesNotContain("token-in-url").doesNotContain("X-Team: billing");

        // A bad value on the edit too: the field says why, nothing changes.
        edit = edit.type("name", EDITED).type("silenceMs", "five minutes").saveRefused();
        assertThat(edit.errorAt("silenceMs")).isEqualTo("silenceMs must be a whole number");
        assertThat(edit.storedHint("hmacSecret")).isEqualTo("Set. Leave empty to keep it.");
        list = edit.type("silenceMs", "300000").save();
        assertThat(list.notice()).isEqualTo("Alarm rule saved.");
        list.waitForRule(id, EDITED);
        assertThat(findAll(By.cssSelector("#alarm-rules b"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT silence_ms FROM jm_alarm_rule WHERE id = ?", Long.class, id))
                .isEqualTo(300_000L);
        assertThat(secrets(id)).as("secrets left empty are kept").isEqualTo(stored);
        assertThat(alarms.headerNames(alarms.get(id))).containsExactly("X-Team");

        // Only its box removes a secret; the others stay.
        list = list.edit(id).check("clearHmacSecret").save();
        waitFor(d -> secrets(id).get("hmac_secret") == null);
        assertThat(secrets(id).get("webhook_url")).isEqualTo(URL);
        assertThat(list.edit(id).storedHint("hmacSecret")).isNull();
        open("/console/alarms");
        list = new AlarmsPage(this);

        // Without the page's CSRF token even an operator's delete is refused.
        assertThat(fetch("POST", "/console/alarms/" + id + "/delete", "").status())
                .isEqualTo(403);
        assertThat(list.delete(id, false))
                .isEqualTo("Delete alarm rule \"" + EDITED + "\"? Its deliveries go"
                        + " with it and nothing more is sent for it.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_alarm_rule", Long.class))
                .as("a delete not confirmed deletes nothing")
                .isOne();
        list.delete(id, true);
        waitForText(By.id("notice"), "Alarm rule deleted, with its deliveries.");
        assertThat(new AlarmsPage(this).hasRule(id)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_alarm_rule", Long.class))
                .isZero();
    }

    @Test
    void aViewerSeesNoRuleControlsAndAForgedWriteIsRefused() {
        long id = alarms.create(Fixtures.webhookRule(HOSTILE, URL, null, KEY, null))
                .getId();
        signIn(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);
        open("/console/alarms");
        AlarmsPage list = new AlarmsPage(this).waitForRule(id, HOSTILE);
        assertThat(findAll(By.id("injected"))).isEmpty();
        assertThat(list.hasWriteControls()).isFalse();
        assertThat(fetch("GET", "/console/alarms/new", null).status()).isEqualTo(403);
        assertThat(fetch("GET", "/console/alarms/" + id + "/edit", null).status())
                .isEqualTo(403);

        // The viewer's own session and a valid CSRF token: refused for the role alone.
        String csrf = "_csrf=" + csrfToken();
        String body =
                csrf + "&name=forged&scope=ALL&events=RUN_FAILED&channel=WEBHOOK&webhookUrl=https%3A%2F%2Fevil.example"
                        + "&hmacSecret=&version=1";
        assertThat(fetch("POST", "/console/alarms", body).status()).isEqualTo(403);
        assertThat(fetch("POST", "/console/alarms/" + id, body).status()).isEqualTo(403);
        assertThat(fetch("POST", "/console/alarms/" + id + "/delete", csrf).status())
                .isEqualTo(403);
        assertThat(jdbc.queryForList("SELECT name FROM jm_alarm_rule", String.class))
                .containsExactly(HOSTILE);
        assertThat(secrets(id).get("webhook_url")).isEqualTo(URL);
    }

    private Map<String, Object> secrets(long id) {
        return jdbc.queryForMap("SELECT webhook_url, webhook_headers, hmac_secret FROM jm_alarm_rule WHERE id = ?", id);
    }
}
