package com.jm.job.master.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.security.ParamsCipher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook rule's secrets at rest: sealed per column under the current key, opened for sending,
 * moved to the current key from clear or an older key, left alone when their key is missing, and
 * stored as given when no key is configured.
 */
class AlarmSecretsTest {

    static final String OLD_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    private static final String URL = "https://hooks.example.com/services/T000/B000/tok3n";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void withAKeySecretsAreSealedPerColumnAndOpenForSending() {
        AlarmSecrets secrets = secrets(keys("k2", NEW_KEY));
        AlarmRuleRecord rule = stored(secrets);

        assertThat(rule.getWebhookUrl()).startsWith("{aesgcm:k2}").doesNotContain("tok3n");
        assertThat(rule.getHmacSecret()).startsWith("{aesgcm:k2}").doesNotContain("hunter2");
        assertThat(rule.getWebhookHeaders())
                .contains("\"Authorization\":\"{aesgcm:k2}")
                .doesNotContain("Bearer");
        assertThat(secrets.headerNames(rule.getWebhookHeaders())).containsExactly("Authorization", "X-Team");
        assertThat(secrets.anyInClear(rule)).isFalse();
        assertThat(secrets.resealed(rule)).as("already in the current form").isNull();

        AlarmRuleRecord open = secrets.open(rule);
        assertThat(open.getWebhookUrl()).isEqualTo(URL);
        assertThat(open.getHmacSecret()).isEqualTo("hunter2");
        assertThat(open.getWebhookHeaders()).isEqualTo("{\"Authorization\":\"Bearer xyz\",\"X-Team\":\"billing\"}");
    }

    @Test
    void aCiphertextMovedToAnotherColumnDoesNotOpen() {
        AlarmSecrets secrets = secrets(keys("k2", NEW_KEY));
        AlarmRuleRecord rule = stored(secrets);
        rule.setHmacSecret(rule.getWebhookUrl());
        assertThatThrownBy(() -> secrets.open(rule))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("alarm rule secrets do not decrypt with key 'k2'");
    }

    @Test
    void resealingMovesClearAndOlderKeyValuesToTheCurrentKeyAndLeavesUnreadableOnes() {
        AlarmRuleRecord clear = rule(URL, "hunter2", "{\"X-Team\":\"billing\"}");
        AlarmRuleRecord underOld = stored(secrets(keys("k1", OLD_KEY)));
        JmJobMasterProperties both = keys("k1", OLD_KEY);
        both.getSecurity()
                .getParamsKeys()
                .add(keys("k2", NEW_KEY).getSecurity().getParamsKeys().get(0));
        both.getSecurity().setParamsKeyId("k2");
        AlarmSecrets rotated = secrets(both);

        AlarmRuleRecord fromClear = rotated.resealed(clear);
        assertThat(fromClear.getWebhookUrl()).startsWith("{aesgcm:k2}");
        assertThat(fromClear.getWebhookHeaders()).startsWith("{\"X-Team\":\"{aesgcm:k2}");
        assertThat(rotated.open(fromClear).getHmacSecret()).isEqualTo("hunter2");
        AlarmRuleRecord fromOld = rotated.resealed(underOld);
        assertThat(ParamsCipher.keyIdOf(fromOld.getHmacSecret())).isEqualTo("k2");
        assertThat(rotated.open(fromOld).getWebhookUrl()).isEqualTo(URL);

        AlarmSecrets newOnly = secrets(keys("k2", NEW_KEY));
        assertThat(newOnly.resealed(underOld))
                .as("k1 is not configured: left as it is")
                .isNull();
        assertThatThrownBy(() -> newOnly.open(underOld)).hasMessageContaining("key 'k1', which is not in");
    }

    @Test
    void withoutAKeySecretsAreStoredAsGivenAndReportedInClear() {
        AlarmSecrets secrets = secrets(new JmJobMasterProperties());
        assertThat(secrets.encrypting()).isFalse();
        AlarmRuleRecord rule = stored(secrets);
        assertThat(rule.getWebhookUrl()).isEqualTo(URL);
        assertThat(rule.getHmacSecret()).isEqualTo("hunter2");
        assertThat(secrets.anyInClear(rule)).isTrue();
        assertThat(secrets.resealed(rule)).isNull();
        assertThat(secrets.open(rule).getWebhookUrl()).isEqualTo(URL);
    }

    /** A rule's secrets as the service stores them. */
    private static AlarmRuleRecord stored(AlarmSecrets secrets) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer xyz");
        headers.put("X-Team", "billing");
        return rule(
                secrets.seal(URL, AlarmSecrets.URL),
                secrets.seal("hunter2", AlarmSecrets.HMAC),
                secrets.sealHeaders(headers));
    }

    private static AlarmRuleRecord rule(String url, String hmac, String headers) {
        AlarmRuleRecord rule = new AlarmRuleRecord();
        rule.setId(7);
        rule.setWebhookUrl(url);
        rule.setHmacSecret(hmac);
        rule.setWebhookHeaders(headers);
        return rule;
    }

    private AlarmSecrets secrets(JmJobMasterProperties properties) {
        return new AlarmSecrets(new ParamsCipher(properties), json);
    }

    static JmJobMasterProperties keys(String id, String key) {
        JmJobMasterProperties properties = new JmJobMasterProperties();
        JmJobMasterProperties.ParamsKey k = new JmJobMasterProperties.ParamsKey();
        k.setId(id);
        k.setKey(key);
        properties.getSecurity().getParamsKeys().add(k);
        return properties;
    }
}
