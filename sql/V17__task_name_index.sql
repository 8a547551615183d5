-- The task list's name filter is a prefix (name LIKE 'abc%'). Without an index on name every
-- filtered page read the whole table twice, once for the count and once for the page's ids (about
-- 80 ms and 45 ms for 100,000 tasks); with it both read only the matching names. unit_of is in the
-- index so that both counts ("every match less the units") are answered from it alone.
CREATE INDEX idx_task_name ON jm_task (name, unit_of);
