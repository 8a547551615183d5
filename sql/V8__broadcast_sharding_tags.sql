-- Execution modes (broadcast, sharding, tags, overlap) and delivery acknowledgement.
--
-- A fire of a task whose mode is BROADCAST, or that has more than one shard, has several runs. The
-- claim that takes such a task expands the fire: the task becomes RUNNING with no node and no lease
-- (its run row is the fire's record), and one "unit" row per run is added to jm_task. Units are
-- ordinary pending tasks to the claim, the lease, the finish and the retry (a failed shard is
-- retried alone, on its own attempts), which is what keeps "each unit runs once" the same promise
-- as "each task runs once". When the fire's last unit ends, the fire's record ends, the units' run
-- rows are moved onto the task and the units are deleted. Existing tasks keep one run per fire.

-- SINGLE (every existing task) or BROADCAST; a sharded task is SINGLE with shards > 1.
ALTER TABLE jm_task ADD COLUMN run_mode VARCHAR(16) NOT NULL DEFAULT 'SINGLE';
ALTER TABLE jm_task ADD COLUMN shards INT NOT NULL DEFAULT 1;
-- Per-shard parameters, a JSON array of strings (NULL: none).
ALTER TABLE jm_task ADD COLUMN shard_params MEDIUMTEXT NULL;
-- Tags a node must all have to run the task, sorted, as ",a,b," (NULL: any node).
ALTER TABLE jm_task ADD COLUMN tags VARCHAR(1100) NULL;
-- What a recurring task does with a slot that falls due while a fire is still running.
ALTER TABLE jm_task ADD COLUMN overlap_policy VARCHAR(16) NOT NULL DEFAULT 'SKIP';
ALTER TABLE jm_task ADD COLUMN max_concurrent_fires INT NOT NULL DEFAULT 1;
-- The slot the current fire is for, and when its first run started (by the database clock): what
-- the overlap rule measures a fire by, kept through its retries and a late finish report (the
-- task's due time moves to each retry, and a report may arrive long after the run).
ALTER TABLE jm_task ADD COLUMN fire_slot DATETIME(3) NULL;
ALTER TABLE jm_task ADD COLUMN fire_started_at DATETIME(3) NULL;

-- A unit row: the task it is a run of, which shard (or, for broadcast, which node's part), and the
-- one node that may claim it (broadcast only). NULL on ordinary tasks.
ALTER TABLE jm_task ADD COLUMN unit_of BIGINT NULL;
ALTER TABLE jm_task ADD COLUMN shard_index INT NULL;
ALTER TABLE jm_task ADD COLUMN shard_total INT NULL;
ALTER TABLE jm_task ADD COLUMN shard_param MEDIUMTEXT NULL;
ALTER TABLE jm_task ADD COLUMN target_node_id BIGINT NULL;
-- The run row of the unit's fire, copied onto each run of the unit as its fire_id.
ALTER TABLE jm_task ADD COLUMN fire_run_id BIGINT NULL;
ALTER TABLE jm_task ADD CONSTRAINT fk_task_unit_of FOREIGN KEY (unit_of) REFERENCES jm_task (id);
-- The finish of a unit counts the fire's unfinished units; the task list leaves units out.
CREATE INDEX idx_task_unit_of ON jm_task (unit_of, status);

-- Every run names its fire: the run row of the fire's record (NULL on a one-run fire, whose run is
-- its own record). A fire's record has no node.
ALTER TABLE jm_task_run ADD COLUMN fire_id BIGINT NULL;
ALTER TABLE jm_task_run ADD COLUMN shard_index INT NULL;
ALTER TABLE jm_task_run ADD COLUMN shard_total INT NULL;
ALTER TABLE jm_task_run MODIFY node_id BIGINT NULL;
CREATE INDEX idx_run_fire ON jm_task_run (fire_id);

-- A node's tags, sorted, as ",a,b," (NULL: none).
ALTER TABLE jm_node ADD COLUMN tags VARCHAR(2200) NULL;

-- Delivery acknowledgement: a node that acknowledges what a poll handed it (it says so when it
-- registers) gets a short delivery lease at the claim, which its acknowledgement (an immediate
-- heartbeat) turns into the full lease. A run whose delivery lease lapses unacknowledged never
-- reached its node: it goes back to pending at once, without using an attempt. Runs running now
-- count as delivered.
ALTER TABLE jm_node ADD COLUMN acks_delivery TINYINT NOT NULL DEFAULT 0;
ALTER TABLE jm_task ADD COLUMN delivered TINYINT NOT NULL DEFAULT 1;
