-- Node sessions and the audit trail.

-- A node proves its identity on every call after registering with a per-registration secret; the
-- master keeps only its SHA-256 (hex), so a database dump cannot be replayed as a node.
ALTER TABLE jm_node ADD COLUMN session_hash CHAR(64) NULL;

-- Every write through the operators' API: who, what, on which entity, when, and how it ended
-- (the HTTP status answered).
CREATE TABLE jm_audit (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    actor       VARCHAR(128)  NOT NULL,
    action      VARCHAR(128)  NOT NULL,
    target_type VARCHAR(16)   NULL,
    target_id   BIGINT        NULL,
    outcome     INT           NOT NULL,
    detail      VARCHAR(512)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX idx_audit_at ON jm_audit (at);
