-- The number the next line of a run's log will have on its node: lines of a batch numbered below
-- it were stored (or counted as dropped) already, so a batch the node sends again because the
-- answer to it was lost is not stored twice. Read and moved on with the run row locked, with the
-- other log counters. NULL until the run's node sends a numbered batch (nodes before numbering
-- never do; their batches are appended as they come).
ALTER TABLE jm_task_run ADD COLUMN log_node_seq BIGINT NULL;
