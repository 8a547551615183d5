package com.jm.job.master.console;

import static com.jm.job.master.console.FormValues.blankToNull;
import static com.jm.job.master.console.FormValues.words;

import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.WebhookTemplate;
import com.jm.job.master.web.AlarmRuleRequest;
import com.jm.job.master.web.AlarmRuleView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.Setter;

/**
 * The alarm rule form as typed. It becomes the API's {@link AlarmRuleRequest}, so the same Bean
 * Validation rules and the same service decide. The secrets (webhook URL, header values, HMAC key)
 * are write-only as in the API: the form is never filled with them, and a secret field left empty
 * is sent as absent, which keeps the stored value; only the "remove" boxes clear one.
 */
@Getter
@Setter
public class AlarmRuleForm {

    private String name;
    private String scope = AlarmScope.ALL.name();
    private String scopeId;
    private List<String> events = new ArrayList<>();
    private String lateAfterMs;
    private String noNodeForMs;
    private String silenceMs;
    private String channel = AlarmChannel.WEBHOOK.name();
    private String webhookUrl;
    private String webhookTemplate;
    /** One header per line, {@code Name: value}. */
    private String webhookHeaders;

    private String hmacSecret;
    private boolean clearWebhookHeaders;
    private boolean clearHmacSecret;
    /** Comma or space separated. */
    private String mailTo;

    private boolean enabled = true;
    private String version;

    @Getter(AccessLevel.NONE)
    private final transient FormValues values = new FormValues();

    /** The form of an existing rule, to edit it; its secrets stay out. */
    static AlarmRuleForm of(AlarmRuleView rule) {
        AlarmRuleForm form = new AlarmRuleForm();
        form.name = rule.name();
        form.scope = rule.scope().name();
        form.scopeId = rule.scopeId() == null ? null : rule.scopeId().toString();
        form.events = new ArrayList<>(rule.events().stream().map(Enum::name).toList());
        form.lateAfterMs =
                rule.lateAfterMs() == null ? null : rule.lateAfterMs().toString();
        form.noNodeForMs =
                rule.noNodeForMs() == null ? null : rule.noNodeForMs().toString();
        form.silenceMs = Long.toString(rule.silenceMs());
        form.channel = rule.channel().name();
        form.webhookTemplate =
                rule.webhookTemplate() == null ? null : rule.webhookTemplate().name();
        form.mailTo = rule.mailTo() == null ? null : String.join(", ", rule.mailTo());
        form.enabled = rule.enabled();
        form.version = Integer.toString(rule.version());
        return form;
    }

    /** Fields that did not read (a number that is not one, a header line without a name). */
    Map<String, String> problems() {
        return values.problems();
    }

    AlarmRuleRequest toRequest() {
        AlarmChannel chosen = values.choice("channel", channel, AlarmChannel.class);
        boolean mail = chosen == AlarmChannel.MAIL;
        return new AlarmRuleRequest(
                name,
                values.choice("scope", scope, AlarmScope.class),
                values.number("scopeId", scopeId),
                events == null
                        ? null
                        : events.stream()
                                .map(e -> values.choice("events", e, AlarmEvent.class))
                                .toList(),
                values.number("lateAfterMs", lateAfterMs),
                values.number("noNodeForMs", noNodeForMs),
                values.number("silenceMs", silenceMs),
                chosen,
                blankToNull(webhookUrl),
                // The select always holds a template: it counts only for a webhook.
                mail ? null : values.choice("webhookTemplate", webhookTemplate, WebhookTemplate.class),
                headers(mail),
                hmacSecret == null || hmacSecret.isEmpty() ? (clearHmacSecret && !mail ? "" : null) : hmacSecret,
                words(mailTo),
                enabled,
                values.integer("version", version));
    }

    /**
     * The typed headers; none typed keeps the stored ones, unless they are to be removed (a mail
     * rule keeps none anyway, and the API refuses headers sent with one).
     */
    private Map<String, String> headers(boolean mail) {
        if (webhookHeaders == null || webhookHeaders.isBlank()) {
            return clearWebhookHeaders && !mail ? Map.of() : null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        webhookHeaders.lines().filter(line -> !line.isBlank()).forEach(line -> {
            int colon = line.indexOf(':');
            if (colon < 0) {
                values.refuse("webhookHeaders", "webhookHeaders: each line is one header, Name: value");
                return;
            }
            headers.put(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        });
        return headers;
    }
}
