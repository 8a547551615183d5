package com.jm.job.master.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.security.ParamsCipher;
import com.jm.job.master.store.AlarmMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Webhook secrets at rest on MariaDB, with the old key and the new one configured and the new one
 * current: a rule written through the service is stored encrypted, an update that leaves its
 * secrets out re-encrypts the ones kept in clear, and the upgrade every master runs at start moves
 * rules stored in clear (before this version, or before a key) or under the old key to the new
 * one without changing them, each row once even when two masters run it at the same time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "jm.job.master.security.params-keys[0].id=k1",
            "jm.job.master.security.params-keys[0].key=" + AlarmSecretsTest.OLD_KEY,
            "jm.job.master.security.params-keys[1].id=k2",
            "jm.job.master.security.params-keys[1].key=" + AlarmSecretsTest.NEW_KEY,
            "jm.job.master.security.params-key-id=k2"
        })
class AlarmSecretsUpgradeTest extends MariaDbTest {

    private static final String URL = "https://hooks.example.com/services/T000/B000/tok3n";

    @Autowired
    AlarmService service;

    @Autowired
    AlarmMapper alarms;

    @Autowired
    AlarmSecrets secrets;

    @Autowired
    ParamsCipher cipher;

    @BeforeEach
    void setUp() {
        clean();
    }

    @Test
    void aRuleWrittenThroughTheServiceIsStoredEncryptedAndShownByHeaderNamesOnly() {
        AlarmRuleRecord created =
                service.create(Fixtures.webhookRule("hook", URL, Map.of("X-Token", "t0ken"), "hunter2", null));
        Map<String, Object> row = row(created.getId());
        assertThat(row.values().toString()).doesNotContain("tok3n", "t0ken", "hunter2");
        assertThat((String) row.get("webhook_url")).startsWith("{aesgcm:k2}");
        assertThat((String) row.get("hmac_secret")).startsWith("{aesgcm:k2}");
        assertThat(service.headerNames(created)).containsExactly("X-Token");
        AlarmRuleRecord open = secrets.open(alarms.findRule(created.getId()));
        assertThat(open.getWebhookUrl()).isEqualTo(URL);
        assertThat(open.getWebhookHeaders()).isEqualTo("{\"X-Token\":\"t0ken\"}");
        assertThat(open.getHmacSecret()).isEqualTo("hunter2");
    }

    @Test
    void anUpdateThatLeavesTheSecretsOutEncryptsTheOnesKeptInClear() {
        long id = legacyRule("clear", URL, "{\"X-Team\":\"billing\"}", "hunter2");
        service.update(id, Fixtures.webhookRule("hook", null, null, null, 1));
        AlarmRuleRecord stored = alarms.findRule(id);
        assertThat(secrets.anyInClear(stored)).isFalse();
        AlarmRuleRecord open = secrets.open(stored);
        assertThat(open.getWebhookUrl()).isEqualTo(URL);
        assertThat(open.getWebhookHeaders()).isEqualTo("{\"X-Team\":\"billing\"}");
        assertThat(open.getHmacSecret()).isEqualTo("hunter2");
    }

    @Test
    void theUpgradeMovesClearAndOldKeyRulesToTheCurrentKeyLeavingTheRulesAsTheyWere() {
        long clear = legacyRule("clear", URL, "{\"X-Team\":\"billing\"}", "hunter2");
        AlarmSecrets oldOnly = new AlarmSecrets(
                new ParamsCipher(AlarmSecretsTest.keys("k1", AlarmSecretsTest.OLD_KEY)),
                tools.jackson.databind.json.JsonMapper.builder().build());
        long old = legacyRule(
                "old key", oldOnly.seal(URL, AlarmSecrets.URL), oldOnly.sealHeaders(Map.of("X-Team", "billing")), null);
        long unreadable = legacyRule("tampered", "{aesgcm:k2}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, null);
        long mail = legacyRule("mail", null, null, null);
        jdbc.update("UPDATE jm_alarm_rule SET channel = 'MAIL', mail_to = 'a@example.com' WHERE id = ?", mail);
        Map<String, Object> tamperedBefore = row(unreadable);

        AlarmSecretsUpgrade upgrade = new AlarmSecretsUpgrade(alarms, secrets);
        assertThat(upgrade.upgradeOnce()).isEqualTo(2);
        assertThat(upgrade.upgradeOnce()).as("once per start").isZero();
        assertThat(new AlarmSecretsUpgrade(alarms, secrets).upgradeOnce())
                .as("a later start finds nothing to do")
                .isZero();

        for (long id : List.of(clear, old)) {
            AlarmRuleRecord stored = alarms.findRule(id);
            assertThat(ParamsCipher.keyIdOf(stored.getWebhookUrl())).isEqualTo("k2");
            assertThat(stored.getWebhookHeaders()).startsWith("{\"X-Team\":\"{aesgcm:k2}");
            assertThat(stored.getVersion()).as("not a change of the rule").isEqualTo(1);
            AlarmRuleRecord open = secrets.open(stored);
            assertThat(open.getWebhookUrl()).isEqualTo(URL);
            assertThat(open.getWebhookHeaders()).isEqualTo("{\"X-Team\":\"billing\"}");
        }
        assertThat(secrets.open(alarms.findRule(clear)).getHmacSecret()).isEqualTo("hunter2");
        assertThat(row(unreadable)).isEqualTo(tamperedBefore);
    }

    @Test
    void twoMastersUpgradingAtOnceWriteEachRuleOnce() throws Exception {
        int rules = 40;
        for (int i = 0; i < rules; i++) {
            legacyRule("r" + i, URL + i, "{\"X-Team\":\"team" + i + "\"}", "secret" + i);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService masters = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> written = new ArrayList<>();
            for (int m = 0; m < 2; m++) {
                AlarmSecretsUpgrade upgrade = new AlarmSecretsUpgrade(alarms, secrets);
                written.add(masters.submit(() -> {
                    start.await();
                    return upgrade.upgradeOnce();
                }));
            }
            assertThat(written.get(0).get() + written.get(1).get()).isEqualTo(rules);
        } finally {
            masters.shutdownNow();
        }
        List<AlarmRuleRecord> stored = alarms.webhookRules();
        assertThat(stored).hasSize(rules).noneMatch(secrets::anyInClear);
        for (AlarmRuleRecord rule : stored) {
            int i = Integer.parseInt(rule.getName().substring(1));
            AlarmRuleRecord open = secrets.open(rule);
            assertThat(open.getWebhookUrl()).isEqualTo(URL + i);
            assertThat(open.getHmacSecret()).isEqualTo("secret" + i);
            assertThat(open.getWebhookHeaders()).isEqualTo("{\"X-Team\":\"team" + i + "\"}");
        }
    }

    /** A webhook rule as a master before this version (or without a key) stored it. */
    private long legacyRule(String name, String url, String headers, String hmac) {
        jdbc.update(
                "INSERT INTO jm_alarm_rule (name, scope, events, silence_ms, channel, webhook_url, webhook_template,"
                        + " webhook_headers, hmac_secret, enabled, version, created_at, updated_at)"
                        + " VALUES (?, 'ALL', 'RUN_FAILED', 0, 'WEBHOOK', ?, 'GENERIC', ?, ?, 1, 1, NOW(3), NOW(3))",
                name,
                url,
                headers,
                hmac);
        return jdbc.queryForObject("SELECT id FROM jm_alarm_rule WHERE name = ?", Long.class, name);
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap(
                "SELECT webhook_url, webhook_headers, hmac_secret, version FROM jm_alarm_rule WHERE id = ?", id);
    }
}
