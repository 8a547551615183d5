-- Alarms: rules say which events go to which channel; every event a rule matches is one delivery
-- row, inserted once whichever master saw it (unique per rule and event key) and sent by whichever
-- master claims it (FOR UPDATE SKIP LOCKED), so two masters never both send it.
CREATE TABLE jm_alarm_rule (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    name            VARCHAR(128) NOT NULL,
    -- ALL, GROUP or TASK; scope_id is the group's or the task's id (NULL for ALL).
    scope           VARCHAR(8)   NOT NULL,
    scope_id        BIGINT       NULL,
    -- Comma-separated event kinds: RUN_FAILED, TASK_ERROR, RUN_LOST, RUN_TIMED_OUT, FIRE_LATE, NO_NODE.
    events          VARCHAR(128) NOT NULL,
    late_after_ms   BIGINT       NULL,
    no_node_for_ms  BIGINT       NULL,
    silence_ms      BIGINT       NOT NULL,
    -- WEBHOOK or MAIL.
    channel         VARCHAR(8)   NOT NULL,
    -- Write-only through the API: a webhook URL often carries its token.
    webhook_url     VARCHAR(2048) NULL,
    -- GENERIC, SLACK, DINGTALK, FEISHU or WECOM: the shape of the body.
    webhook_template VARCHAR(16) NULL,
    -- JSON object of extra headers; their values are write-only (often credentials).
    webhook_headers TEXT         NULL,
    -- Write-only: the HMAC-SHA256 key of the signature header.
    hmac_secret     VARCHAR(256) NULL,
    mail_to         VARCHAR(2048) NULL,
    enabled         TINYINT      NOT NULL DEFAULT 1,
    version         INT          NOT NULL DEFAULT 0,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE jm_alarm_delivery (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    rule_id         BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    -- What makes the event one event, the kind first: "RUN_FAILED:run:<id>" for a run's end or
    -- lateness, "NO_NODE:group:<id>:since:<last heartbeat, epoch ms>" for a group without nodes.
    event_key       VARCHAR(96)  NOT NULL,
    -- What the silence window counts per rule: "task:<id>" or "group:<id>".
    subject         VARCHAR(48)  NOT NULL,
    group_id        BIGINT       NULL,
    task_id         BIGINT       NULL,
    run_id          BIGINT       NULL,
    message         VARCHAR(2048) NULL,
    occurred_at     DATETIME(3)  NOT NULL,
    -- PENDING (due at next_attempt_at; attempts 0: the silence window not yet decided), SENDING
    -- (claimed until lease_until), DELIVERED, FAILED (attempts used up) or SILENCED.
    state           VARCHAR(10)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    lease_until     DATETIME(3)  NULL,
    claimed_by      VARCHAR(64)  NULL,
    last_error      VARCHAR(1024) NULL,
    finished_at     DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_alarm_event UNIQUE (rule_id, event_key),
    CONSTRAINT fk_delivery_rule FOREIGN KEY (rule_id) REFERENCES jm_alarm_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Serves the dispatcher's claim (state, then due time): SKIP LOCKED skips other masters' rows only
-- when an index serves the ORDER BY.
CREATE INDEX idx_alarm_delivery_due ON jm_alarm_delivery (state, next_attempt_at, id);

-- One row per rule and subject: when the rule last sent for it. The dispatcher locks it to decide
-- the silence window, so two masters claiming two events of one subject cannot both send.
CREATE TABLE jm_alarm_silence (
    rule_id      BIGINT      NOT NULL,
    subject      VARCHAR(48) NOT NULL,
    last_sent_at DATETIME(3) NULL,
    PRIMARY KEY (rule_id, subject),
    CONSTRAINT fk_silence_rule FOREIGN KEY (rule_id) REFERENCES jm_alarm_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
