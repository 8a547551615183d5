package com.jm.job.master.web;

import com.jm.job.master.alarm.AlarmRuleDefinition;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.WebhookTemplate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/alarms} and {@code PUT /api/alarms/{id}}. The secrets are write-only:
 * on PUT, leaving one out keeps the stored value and an empty value clears it.
 */
public record AlarmRuleRequest(
        @Schema(description = "display name", example = "billing failures") @NotBlank @Size(max = 128) String name,
        @Schema(description = "ALL, GROUP (scopeId = the group) or TASK (scopeId = the task)", example = "GROUP")
                @NotNull
                AlarmScope scope,
        @Schema(description = "the group's or task's id; absent for ALL", example = "1") @Min(1) Long scopeId,
        @Schema(
                        description = "RUN_FAILED, TASK_ERROR, RUN_LOST, RUN_TIMED_OUT, FIRE_LATE, NO_NODE",
                        example = "[\"RUN_FAILED\", \"TASK_ERROR\"]")
                @NotEmpty
                @Size(max = 6)
                List<@NotNull AlarmEvent> events,
        @Schema(description = "with FIRE_LATE: a run that starts more than this after it was due", example = "60000")
                @Min(1)
                @Max(86_400_000)
                Long lateAfterMs,
        @Schema(description = "with NO_NODE: how long a group has had no node online", example = "120000")
                @Min(1000)
                @Max(86_400_000)
                Long noNodeForMs,
        @Schema(
                        description =
                                "after a send for a task or group, its further events are silenced this long; 0: never",
                        example = "300000")
                @Min(0)
                @Max(604_800_000)
                Long silenceMs,
        @Schema(description = "WEBHOOK or MAIL", example = "WEBHOOK") @NotNull AlarmChannel channel,
        @Schema(
                        description = "WEBHOOK: http(s) URL to POST to; write-only (often carries a token)",
                        example = "https://hooks.example.com/services/T000/B000/XXXX")
                @Size(max = 2048)
                String webhookUrl,
        @Schema(description = "WEBHOOK: GENERIC (default), SLACK, DINGTALK, FEISHU or WECOM", example = "SLACK")
                WebhookTemplate webhookTemplate,
        @Schema(
                        description = "WEBHOOK: extra headers; values write-only",
                        example = "{\"Authorization\": \"Bearer x\"}")
                @Size(max = 20)
                Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1024) String> webhookHeaders,
        @Schema(description = "WEBHOOK: key of the X-JmJob-Signature HMAC-SHA256; write-only", example = "s3cret")
                @Size(max = 256)
                String hmacSecret,
        @Schema(description = "MAIL: recipients", example = "[\"oncall@example.com\"]") @Size(max = 20)
                List<@NotBlank @Email @Size(max = 254) String> mailTo,
        @Schema(description = "a disabled rule records nothing (default true)", example = "true") Boolean enabled,
        @Schema(description = "PUT only: apply only while the rule is at this version", example = "1") @Min(0)
                Integer version) {

    public AlarmRuleDefinition toDefinition() {
        return new AlarmRuleDefinition(
                name,
                scope,
                scopeId,
                EnumSet.copyOf(events),
                lateAfterMs,
                noNodeForMs,
                silenceMs == null ? 0 : silenceMs,
                channel,
                webhookUrl,
                webhookTemplate,
                webhookHeaders,
                hmacSecret,
                mailTo,
                enabled == null || enabled,
                version);
    }
}
