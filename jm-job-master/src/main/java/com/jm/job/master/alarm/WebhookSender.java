package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.WebhookTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs the alarm as JSON. With a secret, {@value #SIGNATURE} is {@code sha256=} and the hex
 * HMAC-SHA256 of the exact body bytes under it, so a receiver can check the body came from this
 * master unchanged. Connect and answer are bounded by the alarm time-outs; any status but 2xx is a
 * failure, retried.
 */
class WebhookSender implements AlarmSender {

    static final String SIGNATURE = "X-JmJob-Signature";
    static final String DELIVERY = "X-JmJob-Delivery";
    static final String EVENT = "X-JmJob-Event";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final HttpClient http;
    private final JsonMapper json;
    private final JmJobMasterProperties properties;
    private final AlarmSecrets secrets;

    WebhookSender(HttpClient http, JsonMapper json, JmJobMasterProperties properties, AlarmSecrets secrets) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.secrets = secrets;
    }

    /** Sends to the rule as stored: its secrets are decrypted here, for this request only. */
    @Override
    public void send(AlarmRuleRecord stored, AlarmDeliveryRecord delivery) throws Exception {
        AlarmRuleRecord rule = secrets.open(stored);
        WebhookTemplate template =
                rule.getWebhookTemplate() == null ? WebhookTemplate.GENERIC : rule.getWebhookTemplate();
        byte[] body = json.writeValueAsBytes(AlarmMessage.body(template, rule, delivery));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rule.getWebhookUrl()))
                .timeout(properties.getAlarms().getRequestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(DELIVERY, Long.toString(delivery.getId()))
                .header(EVENT, delivery.getKind().name());
        if (rule.getWebhookHeaders() != null) {
            json.readValue(rule.getWebhookHeaders(), HEADERS).forEach(request::header);
        }
        if (rule.getHmacSecret() != null && !rule.getHmacSecret().isEmpty()) {
            request.header(SIGNATURE, "sha256=" + sign(rule.getHmacSecret(), body));
        }
        HttpResponse<String> response = http.send(
                request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new IllegalStateException("the webhook answered HTTP " + response.statusCode()
                    + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
        }
    }

    /** Hex HMAC-SHA256 of {@code body} under {@code secret} (UTF-8). */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
