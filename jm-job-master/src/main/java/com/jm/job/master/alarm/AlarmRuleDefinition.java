package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.WebhookTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule as an operator writes it (already checked for form by the web layer). The secrets
 * (webhook URL, header values, HMAC key) are write-only: on an update, null keeps the stored one
 * and an empty value clears it (the URL cannot be cleared while the channel is a webhook).
 */
public record AlarmRuleDefinition(
        String name,
        AlarmScope scope,
        Long scopeId,
        Set<AlarmEvent> events,
        Long lateAfterMs,
        Long noNodeForMs,
        long silenceMs,
        AlarmChannel channel,
        String webhookUrl,
        WebhookTemplate webhookTemplate,
        Map<String, String> webhookHeaders,
        String hmacSecret,
        List<String> mailTo,
        boolean enabled,
        Integer version) {}
