package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.WebhookTemplate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an alarm says: one line of text for people (mail subject, chat message) and the webhook
 * bodies. The chat shapes are the plain-text message each tool's incoming webhook takes; the
 * generic one carries every field for a program.
 */
final class AlarmMessage {

    private AlarmMessage() {}

    static String subject(AlarmDeliveryRecord delivery) {
        StringBuilder text = new StringBuilder("[jm-job] ").append(delivery.getKind());
        if (delivery.getTaskId() != null) {
            text.append(" task ").append(delivery.getTaskId());
            if (delivery.getTaskName() != null) {
                text.append(" '").append(delivery.getTaskName()).append('\'');
            }
        }
        if (delivery.getGroupId() != null) {
            text.append(" in group ").append(delivery.getGroupId());
            if (delivery.getGroupName() != null) {
                text.append(" '").append(delivery.getGroupName()).append('\'');
            }
        }
        return text.toString();
    }

    static String text(AlarmDeliveryRecord delivery) {
        String message = delivery.getMessage() == null ? "" : delivery.getMessage();
        return subject(delivery) + (delivery.getRunId() != null ? ", run " + delivery.getRunId() : "") + ": " + message;
    }

    /** The webhook body for the rule's template, as a JSON tree (serialised by the caller). */
    static Map<String, Object> body(WebhookTemplate template, AlarmRuleRecord rule, AlarmDeliveryRecord delivery) {
        String text = text(delivery);
        return switch (template) {
            case GENERIC -> generic(rule, delivery, text);
            case SLACK -> Map.of("text", text);
            case DINGTALK, WECOM -> ordered("msgtype", "text", "text", Map.of("content", text));
            case FEISHU -> ordered("msg_type", "text", "content", Map.of("text", text));
        };
    }

    private static Map<String, Object> generic(AlarmRuleRecord rule, AlarmDeliveryRecord delivery, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", delivery.getId());
        body.put("event", delivery.getKind().name());
        body.put("ruleId", rule.getId());
        body.put("ruleName", rule.getName());
        body.put("groupId", delivery.getGroupId());
        body.put("groupName", delivery.getGroupName());
        body.put("taskId", delivery.getTaskId());
        body.put("taskName", delivery.getTaskName());
        body.put("runId", delivery.getRunId());
        body.put("message", delivery.getMessage());
        body.put(
                "occurredAt",
                delivery.getOccurredAt().atOffset(ZoneOffset.UTC).toInstant().toString());
        body.put("text", text);
        return body;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(k1, v1);
        body.put(k2, v2);
        return body;
    }
}
