-- Schedules besides cron, a trigger with its own params, and pausing a group. Existing rows keep
-- their meaning: every new column is NULL or 0 for them. One column per statement: the H2 demo
-- runs these too.

-- Slots every so many milliseconds, counted from run_at.
ALTER TABLE jm_task ADD COLUMN fixed_rate_ms BIGINT NULL;
-- The next fire this long after the previous run finished.
ALTER TABLE jm_task ADD COLUMN fixed_delay_ms BIGINT NULL;
-- The first fire time of a fixed-rate or fixed-delay schedule, or the only one of a run-at task.
ALTER TABLE jm_task ADD COLUMN run_at DATETIME(3) NULL;
-- The params of the current fire when it was triggered with its own (POST /api/tasks/{id}/trigger);
-- NULL runs the task's params. Cleared when the fire ends.
ALTER TABLE jm_task ADD COLUMN fire_params MEDIUMTEXT NULL;

-- The params a run got when its fire was triggered with its own; NULL: the task's params.
ALTER TABLE jm_task_run ADD COLUMN params MEDIUMTEXT NULL;

-- A paused group's tasks are not claimed; running runs finish; slots missed meanwhile fire once.
ALTER TABLE jm_group ADD COLUMN paused TINYINT NOT NULL DEFAULT 0;
