package com.jm.job.master.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.WebhookTemplate;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The webhook bodies have the shapes docs/observability.md documents, and the signature is HMAC-SHA256. */
class AlarmMessageTest {

    private static final String TEXT =
            "[jm-job] RUN_FAILED task 42 'send invoices' in group 1 'billing', run 1234: boom";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void slack() {
        assertThat(body(WebhookTemplate.SLACK)).isEqualTo("{\"text\":\"" + TEXT + "\"}");
    }

    @Test
    void dingTalkAndWeCom() {
        String expected = "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + TEXT + "\"}}";
        assertThat(body(WebhookTemplate.DINGTALK)).isEqualTo(expected);
        assertThat(body(WebhookTemplate.WECOM)).isEqualTo(expected);
    }

    @Test
    void feishu() {
        assertThat(body(WebhookTemplate.FEISHU))
                .isEqualTo("{\"msg_type\":\"text\",\"content\":{\"text\":\"" + TEXT + "\"}}");
    }

    @Test
    void genericCarriesEveryField() {
        assertThat(body(WebhookTemplate.GENERIC))
                .isEqualTo("{\"deliveryId\":17,\"event\":\"RUN_FAILED\",\"ruleId\":3,\"ruleName\":\"billing failures\","
                        + "\"groupId\":1,\"groupName\":\"billing\",\"taskId\":42,\"taskName\":\"send invoices\","
                        + "\"runId\":1234,\"message\":\"boom\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"text\":\""
                        + TEXT + "\"}");
    }

    /** The published HMAC-SHA256 test vector (RFC 4231, case 2). */
    @Test
    void signatureIsHmacSha256() {
        assertThat(WebhookSender.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private String body(WebhookTemplate template) {
        AlarmRuleRecord rule = new AlarmRuleRecord();
        rule.setId(3);
        rule.setName("billing failures");
        AlarmDeliveryRecord d = new AlarmDeliveryRecord();
        d.setId(17);
        d.setKind(AlarmEvent.RUN_FAILED);
        d.setGroupId(1L);
        d.setGroupName("billing");
        d.setTaskId(42L);
        d.setTaskName("send invoices");
        d.setRunId(1234L);
        d.setMessage("boom");
        d.setOccurredAt(LocalDateTime.of(2026, 12, 1, 10, 0));
        return json.writeValueAsString(AlarmMessage.body(template, rule, d));
    }
}
