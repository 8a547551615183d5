package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.security.ParamsCipher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook rule's secrets at rest: its URL (which often carries a token), its headers' values
 * and its HMAC key, encrypted with the keys that encrypt sensitive params
 * ({@code jm.job.master.security.params-keys}), each bound to its column. Header names stay
 * readable, so the API lists them without a key. With no key configured the secrets are stored
 * as given; a stored value that is not in the encrypted form is such a clear one.
 */
@Component
class AlarmSecrets {

    static final String URL = "jm_alarm_rule.webhook_url";
    static final String HEADER = "jm_alarm_rule.webhook_headers";
    static final String HMAC = "jm_alarm_rule.hmac_secret";
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    private final ParamsCipher cipher;
    private final JsonMapper json;

    AlarmSecrets(ParamsCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** Whether secrets are encrypted when written (a key is configured). */
    boolean encrypting() {
        return cipher.isConfigured();
    }

    /** The stored form of a secret given in clear: encrypted under the current key, if any. */
    String seal(String clear, String column) {
        return clear == null || !cipher.isConfigured() ? clear : cipher.encrypt(clear, column);
    }

    /** The stored form of the headers: their names in clear, each value sealed. */
    String sealHeaders(Map<String, String> headers) {
        Map<String, String> stored = new LinkedHashMap<>();
        headers.forEach((name, value) -> stored.put(name, seal(value, HEADER)));
        return json.writeValueAsString(stored);
    }

    /** The names of the stored headers, sorted (their values are write-only). */
    Set<String> headerNames(String storedHeaders) {
        return storedHeaders == null
                ? Set.of()
                : new TreeSet<>(headers(storedHeaders).keySet());
    }

    /**
     * Puts the secrets of a rule just read for sending in clear.
     *
     * @throws IllegalStateException naming the key when a secret's key is not configured
     */
    AlarmRuleRecord open(AlarmRuleRecord rule) {
        AlarmRuleRecord clear = map(rule, this::open);
        rule.setWebhookUrl(clear.getWebhookUrl());
        rule.setWebhookHeaders(clear.getWebhookHeaders());
        rule.setHmacSecret(clear.getHmacSecret());
        return rule;
    }

    /**
     * The rule's id and its secrets in the current key's form, or {@code null} when they are in
     * that form already or no key is configured. A value under a key that is not configured is
     * left as it is: it cannot be read, and sending it fails naming the key.
     */
    AlarmRuleRecord resealed(AlarmRuleRecord stored) {
        String current = cipher.currentKeyId();
        if (current == null) {
            return null;
        }
        AlarmRuleRecord resealed = map(stored, (value, column) -> {
            String keyId = ParamsCipher.keyIdOf(value);
            if (current.equals(keyId) || (keyId != null && !cipher.hasKey(keyId))) {
                return value;
            }
            return cipher.encrypt(open(value, column), column);
        });
        boolean same = Objects.equals(resealed.getWebhookUrl(), stored.getWebhookUrl())
                && Objects.equals(resealed.getWebhookHeaders(), stored.getWebhookHeaders())
                && Objects.equals(resealed.getHmacSecret(), stored.getHmacSecret());
        return same ? null : resealed;
    }

    /** Whether any secret of the rule is stored in clear. */
    boolean anyInClear(AlarmRuleRecord stored) {
        Stream<String> headers = stored.getWebhookHeaders() == null
                ? Stream.empty()
                : headers(stored.getWebhookHeaders()).values().stream();
        return Stream.concat(Stream.of(stored.getWebhookUrl(), stored.getHmacSecret()), headers)
                .filter(Objects::nonNull)
                .anyMatch(value -> ParamsCipher.keyIdOf(value) == null);
    }

    private String open(String value, String column) {
        return ParamsCipher.keyIdOf(value) == null ? value : cipher.decrypt(value, column, "alarm rule secrets");
    }

    private Map<String, String> headers(String stored) {
        return json.readValue(stored, HEADERS);
    }

    /** The rule's id and {@code f} of each secret that is set (with its column), header values one by one. */
    private AlarmRuleRecord map(AlarmRuleRecord stored, BinaryOperator<String> f) {
        AlarmRuleRecord mapped = new AlarmRuleRecord();
        mapped.setId(stored.getId());
        if (stored.getWebhookUrl() != null) {
            mapped.setWebhookUrl(f.apply(stored.getWebhookUrl(), URL));
        }
        if (stored.getHmacSecret() != null) {
            mapped.setHmacSecret(f.apply(stored.getHmacSecret(), HMAC));
        }
        if (stored.getWebhookHeaders() != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers(stored.getWebhookHeaders()).forEach((name, value) -> headers.put(name, f.apply(value, HEADER)));
            mapped.setWebhookHeaders(json.writeValueAsString(headers));
        }
        return mapped;
    }
}
