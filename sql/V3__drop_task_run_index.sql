-- idx_task_run (run_id) served finding a task by its current run. Every statement that names a run
-- now also names its task by primary key (finish reports and heartbeats look the task up in
-- jm_task_run first), so the index only cost work: each claim changes run_id and had to delete and
-- insert an entry in it, and the optimizer could pick it over the primary key for a locking read,
-- locking other nodes' tasks.
DROP INDEX idx_task_run ON jm_task;
