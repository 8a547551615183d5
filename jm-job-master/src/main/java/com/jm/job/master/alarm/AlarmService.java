package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.DeliveryState;
import com.jm.job.master.domain.WebhookTemplate;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.PageRequest;
import com.jm.job.master.store.AlarmMapper;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Alarm rules (what is told to whom) and the record of their deliveries. */
@Service
public class AlarmService {

    /** Headers the HTTP client sets itself, or that would misstate the body or the signature. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "content-type",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            WebhookSender.SIGNATURE.toLowerCase(Locale.ROOT),
            WebhookSender.DELIVERY.toLowerCase(Locale.ROOT),
            WebhookSender.EVENT.toLowerCase(Locale.ROOT));

    private final AlarmMapper alarms;
    private final TaskMapper tasks;
    private final GroupMapper groups;
    private final AlarmRules rules;
    private final MailSender mail;
    private final AlarmSecrets secrets;

    AlarmService(
            AlarmMapper alarms,
            TaskMapper tasks,
            GroupMapper groups,
            AlarmRules rules,
            MailSender mail,
            AlarmSecrets secrets) {
        this.alarms = alarms;
        this.tasks = tasks;
        this.groups = groups;
        this.rules = rules;
        this.mail = mail;
        this.secrets = secrets;
    }

    @Transactional
    public AlarmRuleRecord create(AlarmRuleDefinition definition) {
        AlarmRuleRecord rule = new AlarmRuleRecord();
        apply(definition, rule);
        alarms.insertRule(rule);
        rules.invalidate();
        return alarms.findRule(rule.getId());
    }

    @Transactional
    public AlarmRuleRecord update(long id, AlarmRuleDefinition definition) {
        AlarmRuleRecord rule = get(id);
        apply(definition, rule);
        if (alarms.updateRule(rule, definition.version()) == 0) {
            throw new ConflictException("alarm rule " + id + " changed since version " + definition.version()
                    + "; read it again and send the current version");
        }
        rules.invalidate();
        return alarms.findRule(id);
    }

    @Transactional
    public void delete(long id) {
        if (alarms.deleteRule(id) == 0) {
            throw NotFoundException.of("alarm rule", id);
        }
        rules.invalidate();
    }

    @Transactional(readOnly = true)
    public AlarmRuleRecord get(long id) {
        AlarmRuleRecord rule = alarms.findRule(id);
        if (rule == null) {
            throw NotFoundException.of("alarm rule", id);
        }
        return rule;
    }

    @Transactional(readOnly = true)
    public Page<AlarmRuleRecord> list(PageRequest page) {
        return new Page<>(alarms.listRules(page.offset(), page.size()), page.page(), page.size(), alarms.countRules());
    }

    @Transactional(readOnly = true)
    public Page<AlarmDeliveryRecord> deliveries(Long ruleId, DeliveryState state, PageRequest page) {
        return new Page<>(
                alarms.listDeliveries(ruleId, state, page.offset(), page.size()),
                page.page(),
                page.size(),
                alarms.countDeliveries(ruleId, state));
    }

    /** Checks what only the service can and copies the definition onto the row, keeping unsent secrets. */
    private void apply(AlarmRuleDefinition d, AlarmRuleRecord rule) {
        checkScope(d);
        checkEvents(d);
        rule.setName(d.name());
        rule.setScope(d.scope());
        rule.setScopeId(d.scopeId());
        rule.setEvents(d.events().stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
        rule.setLateAfterMs(d.lateAfterMs());
        rule.setNoNodeForMs(d.noNodeForMs());
        rule.setSilenceMs(d.silenceMs());
        rule.setEnabled(d.enabled());
        rule.setChannel(d.channel());
        if (d.channel() == AlarmChannel.WEBHOOK) {
            webhook(d, rule);
        } else {
            mail(d, rule);
        }
    }

    private void checkScope(AlarmRuleDefinition d) {
        if (d.scope() == AlarmScope.ALL) {
            if (d.scopeId() != null) {
                throw new InvalidFieldException("scopeId", "scope ALL covers everything: leave scopeId out");
            }
            return;
        }
        if (d.scopeId() == null) {
            throw new InvalidFieldException(
                    "scopeId",
                    "scope " + d.scope() + " needs scopeId: the "
                            + d.scope().name().toLowerCase(Locale.ROOT) + "'s id");
        }
        boolean exists = d.scope() == AlarmScope.GROUP
                ? groups.findById(d.scopeId()) != null
                : tasks.findById(d.scopeId()) != null;
        if (!exists) {
            throw new InvalidFieldException(
                    "scopeId", "no " + d.scope().name().toLowerCase(Locale.ROOT) + " has id " + d.scopeId());
        }
    }

    private void checkEvents(AlarmRuleDefinition d) {
        boolean late = d.events().contains(AlarmEvent.FIRE_LATE);
        boolean noNode = d.events().contains(AlarmEvent.NO_NODE);
        if (late != (d.lateAfterMs() != null)) {
            throw new InvalidFieldException(
                    "lateAfterMs", "lateAfterMs is how late a FIRE_LATE alarm starts: give it with FIRE_LATE only");
        }
        if (noNode != (d.noNodeForMs() != null)) {
            throw new InvalidFieldException(
                    "noNodeForMs",
                    "noNodeForMs is how long a group has no node before NO_NODE: give it with NO_NODE only");
        }
        if (noNode && d.scope() == AlarmScope.TASK) {
            throw new InvalidFieldException("events", "NO_NODE is about a group: use scope GROUP or ALL");
        }
    }

    private void webhook(AlarmRuleDefinition d, AlarmRuleRecord rule) {
        if (d.mailTo() != null) {
            throw new InvalidFieldException("mailTo", "mailTo is for channel MAIL");
        }
        rule.setMailTo(null);
        if (d.webhookUrl() != null) {
            rule.setWebhookUrl(
                    d.webhookUrl().isEmpty() ? null : secrets.seal(checkUrl(d.webhookUrl()), AlarmSecrets.URL));
        }
        if (rule.getWebhookUrl() == null) {
            throw new InvalidFieldException("webhookUrl", "channel WEBHOOK needs webhookUrl (http or https)");
        }
        rule.setWebhookTemplate(d.webhookTemplate() == null ? WebhookTemplate.GENERIC : d.webhookTemplate());
        if (d.webhookHeaders() != null) {
            d.webhookHeaders().forEach(AlarmService::checkHeader);
            rule.setWebhookHeaders(d.webhookHeaders().isEmpty() ? null : secrets.sealHeaders(d.webhookHeaders()));
        }
        if (d.hmacSecret() != null) {
            rule.setHmacSecret(d.hmacSecret().isEmpty() ? null : secrets.seal(d.hmacSecret(), AlarmSecrets.HMAC));
        }
        // Secrets kept from before (in clear, or under an older key) are written in the current form.
        AlarmRuleRecord resealed = secrets.resealed(rule);
        if (resealed != null) {
            rule.setWebhookUrl(resealed.getWebhookUrl());
            rule.setWebhookHeaders(resealed.getWebhookHeaders());
            rule.setHmacSecret(resealed.getHmacSecret());
        }
    }

    private void mail(AlarmRuleDefinition d, AlarmRuleRecord rule) {
        for (String field : new String[] {"webhookUrl", "webhookTemplate", "webhookHeaders", "hmacSecret"}) {
            Object value =
                    switch (field) {
                        case "webhookUrl" -> d.webhookUrl();
                        case "webhookTemplate" -> d.webhookTemplate();
                        case "webhookHeaders" -> d.webhookHeaders();
                        default -> d.hmacSecret();
                    };
            if (value != null) {
                throw new InvalidFieldException(field, field + " is for channel WEBHOOK");
            }
        }
        if (d.mailTo() == null || d.mailTo().isEmpty()) {
            throw new InvalidFieldException("mailTo", "channel MAIL needs mailTo: one address or more");
        }
        if (!mail.configured()) {
            throw new InvalidFieldException("channel", "mail is not configured on this master: set spring.mail.host");
        }
        rule.setMailTo(String.join(",", d.mailTo()));
        rule.setWebhookUrl(null);
        rule.setWebhookTemplate(null);
        rule.setWebhookHeaders(null);
        rule.setHmacSecret(null);
    }

    private static String checkUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidFieldException("webhookUrl", "webhookUrl must be an http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidFieldException("webhookUrl", "webhookUrl must name a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("webhookUrl", "webhookUrl is not a valid URL");
        }
    }

    private static void checkHeader(String name, String value) {
        if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) {
            throw new InvalidFieldException("webhookHeaders", "a header name is 1 to 64 letters, digits or - _ .");
        }
        if (value == null || value.length() > 1024 || !value.matches("[\\x20-\\x7E\\t]*")) {
            throw new InvalidFieldException(
                    "webhookHeaders", "header " + name + ": a value is up to 1024 printable ASCII characters");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidFieldException("webhookHeaders", "header " + name + " is set by the master itself");
        }
    }

    /** The names of a rule's extra headers (their values are write-only). */
    public Set<String> headerNames(AlarmRuleRecord rule) {
        return secrets.headerNames(rule.getWebhookHeaders());
    }
}
