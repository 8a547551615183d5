-- jm-job schema. Flyway applies this file when the master starts (the master jar carries it as
-- db/migration); a DBA can run it by hand on MySQL 8 / MariaDB 10.6+. Every time column holds UTC:
-- the master sets its sessions to UTC and computes due times with the database clock (NOW(3)).
-- Text is utf8mb4 with a binary collation: names compare byte for byte, as they round-trip, so
-- "Orders" and "orders" are two groups on every server whatever its default collation.

CREATE TABLE jm_group (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(128) NOT NULL,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uk_group_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Seed columns: id, ip, port, disable (0 no / 1 yes), group_id. A node process is identified by
-- (group_id, instance): nodes open no port, so several on one host can share ip and port.
CREATE TABLE jm_node (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    ip                VARCHAR(64)  NOT NULL,
    port              VARCHAR(16)  NULL,
    disable           TINYINT      NOT NULL DEFAULT 0,
    group_id          BIGINT       NOT NULL,
    instance          VARCHAR(128) NOT NULL,
    threads           INT          NOT NULL DEFAULT 1,
    last_heartbeat_at DATETIME(3)  NULL,
    started_at        DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    stopped_at        DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_node_instance UNIQUE (group_id, instance),
    CONSTRAINT fk_node_group FOREIGN KEY (group_id) REFERENCES jm_group (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Seed columns: id, name, bean_name, status (0 not started, 1 pending, 2 running, 3 error),
-- disable (0/1), retry (0/1), group_id. The rest serves cron, retries, leases and optimistic
-- concurrency (version grows by one with every state change). pending_cause says why the task is
-- pending (INSERT, CRON, MANUAL, RETRY); the claim copies it into the run's trigger_type.
CREATE TABLE jm_task (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    name           VARCHAR(128)  NOT NULL,
    bean_name      VARCHAR(128)  NOT NULL,
    status         TINYINT       NOT NULL,
    disable        TINYINT       NOT NULL DEFAULT 0,
    retry          TINYINT       NOT NULL DEFAULT 0,
    group_id       BIGINT        NOT NULL,
    cron           VARCHAR(128)  NULL,
    cron_zone      VARCHAR(64)   NULL,
    params         MEDIUMTEXT    NULL,
    next_fire_time DATETIME(3)   NULL,
    pending_cause  VARCHAR(16)   NULL,
    max_retries    INT           NOT NULL DEFAULT 0,
    attempt        INT           NOT NULL DEFAULT 0,
    timeout_s      INT           NULL,
    run_id         BIGINT        NULL,
    node_id        BIGINT        NULL,
    lease_until    DATETIME(3)   NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    last_error     VARCHAR(2000) NULL,
    created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_task_group FOREIGN KEY (group_id) REFERENCES jm_group (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Serves the claim: WHERE group_id=? AND status=1 AND disable=0 AND next_fire_time<=NOW(3)
-- ORDER BY next_fire_time, id ... FOR UPDATE SKIP LOCKED. SKIP LOCKED only skips correctly on
-- MySQL/MariaDB when an index serves the ORDER BY (with a filesort the first claimer locks all).
CREATE INDEX idx_task_claim ON jm_task (group_id, status, disable, next_fire_time);
-- Finds a task by its current run (finish reports, heartbeats name runs, not tasks).
CREATE INDEX idx_task_run ON jm_task (run_id);
-- Serves cron firing (status 0, due) and lease expiry (status 2, lease lapsed) scans.
CREATE INDEX idx_task_status_fire ON jm_task (status, disable, next_fire_time);
CREATE INDEX idx_task_status_lease ON jm_task (status, lease_until);

-- One row per execution; it reaches a terminal state (SUCCEEDED, FAILED, TIMED_OUT, CANCELLED,
-- LOST) or is still RUNNING under the task's lease. trigger_type: INSERT, CRON, MANUAL, RETRY.
-- scheduled_at is when the run was due; started_at minus scheduled_at says how late it started.
CREATE TABLE jm_task_run (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    task_id      BIGINT        NOT NULL,
    node_id      BIGINT        NOT NULL,
    attempt      INT           NOT NULL,
    trigger_type VARCHAR(16)   NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    scheduled_at DATETIME(3)   NULL,
    started_at   DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    finished_at  DATETIME(3)   NULL,
    duration_ms  BIGINT        NULL,
    message      VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_run_task FOREIGN KEY (task_id) REFERENCES jm_task (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX idx_run_task ON jm_task_run (task_id, id);
CREATE INDEX idx_run_finished ON jm_task_run (finished_at);
