-- Cron flavours: a task's cron is read as Spring (the only reading before this), Quartz/XXL-JOB
-- (day-of-week 1 = Sunday, optional year, ? L W #) or Unix cron (five fields). Existing tasks keep
-- Spring's reading, which is what they were validated and scheduled with. One statement per
-- change: the H2 demo runs these too.
ALTER TABLE jm_task ADD COLUMN cron_flavour VARCHAR(8) NOT NULL DEFAULT 'SPRING';
ALTER TABLE jm_task ADD CONSTRAINT ck_task_cron_flavour CHECK (cron_flavour IN ('SPRING', 'QUARTZ', 'UNIX'));
