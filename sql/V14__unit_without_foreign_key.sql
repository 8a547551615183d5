-- Units (sql/V8) keep unit_of without a foreign key. InnoDB enforces that key through
-- idx_task_unit_of (unit_of, status), the index it took over from the one it made for the key, and
-- checks the key again whenever an entry of that index is rewritten: every status change of a unit
-- (each claim and each finish) share-locked the fire's task row, which the finish of the fire's
-- units then locks for update. Two finishes each holding that share lock and wanting the update
-- lock deadlock, and every claim of the fire's units queued behind a finish waiting for it: a
-- 10,000-shard fire ran at a third of the speed of 10,000 one-shot tasks, with a hundred deadlocks
-- a run. Units are written and deleted only with their task locked, by the fire that owns them, and
-- tasks are never deleted, so the key guarded nothing those statements do not.
ALTER TABLE jm_task DROP CONSTRAINT fk_task_unit_of;
