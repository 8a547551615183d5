-- Run logs: the lines a handler writes while its run executes, shipped by its node in batches.
--
-- One row per line, numbered from 0 per run (seq: the offset a reader follows a run with). Lines
-- are stored as they came (control characters, NUL and markup are data), cut at 8000 characters;
-- a run keeps at most jm.job.master.run-log.max-lines lines and max-bytes of text, the last of
-- which is a marker saying that later lines were dropped. Lines go with their run when history
-- retention deletes it.
CREATE TABLE jm_run_log (
    run_id    BIGINT      NOT NULL,
    seq       INT         NOT NULL,
    -- When the node's handler wrote it, by the node's clock, in epoch milliseconds: for reading only.
    at_ms     BIGINT      NOT NULL,
    log_level VARCHAR(5)  NOT NULL,
    -- 1 for a line the master or the node wrote about the log itself (lines dropped, cap reached).
    marker    TINYINT     NOT NULL DEFAULT 0,
    line      TEXT        NOT NULL,
    PRIMARY KEY (run_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What a run's log holds so far, read and updated with the run row locked, so each batch knows
-- its offsets and the cap without counting lines. log_dropped: lines the node or the cap dropped.
ALTER TABLE jm_task_run ADD COLUMN log_lines INT NOT NULL DEFAULT 0;
ALTER TABLE jm_task_run ADD COLUMN log_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jm_task_run ADD COLUMN log_dropped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jm_task_run ADD COLUMN log_capped TINYINT NOT NULL DEFAULT 0;
