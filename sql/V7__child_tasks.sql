-- Child tasks: when a fire of the parent succeeds, each child gets one fire (trigger CHILD). A
-- child's run names the parent's run that started it.
CREATE TABLE jm_task_child (
    parent_id BIGINT NOT NULL,
    child_id  BIGINT NOT NULL,
    PRIMARY KEY (parent_id, child_id),
    CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES jm_task (id),
    CONSTRAINT fk_child_child FOREIGN KEY (child_id) REFERENCES jm_task (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX idx_child_child ON jm_task_child (child_id);

-- The parent run that started the current fire of a child (NULL for other fires); copied onto the
-- child's run rows by the claim, cleared when the fire ends.
ALTER TABLE jm_task ADD COLUMN parent_run_id BIGINT NULL;
-- Whether the task has children: read with the row a finish locks anyway, so a finish looks for
-- children only when there are some (no extra lookup per run).
ALTER TABLE jm_task ADD COLUMN has_children TINYINT NOT NULL DEFAULT 0;
ALTER TABLE jm_task_run ADD COLUMN parent_run_id BIGINT NULL;
