-- The task list's page ids (TaskMapper.list: WHERE unit_of IS NULL [filters] ORDER BY id DESC
-- LIMIT 20 OFFSET n) had no index whose order serves the ORDER BY. With no filter MariaDB 10.11
-- read idx_task_unit_of for "unit_of IS NULL" and sorted every one of 100,000 ids from an OFFSET of
-- a few hundred on (about 30 ms at page 100, 50-120 ms at the middle page); with a group or
-- "disabled" filter it walked the primary key reading whole rows and dropping the others, or sorted
-- the filter's matches (up to 300 ms at an OFFSET of 10,000). Each index below has the filter's
-- equality columns first and id last, so a page is read by walking the index (backwards for newest
-- first) and skipping OFFSET entries of the index alone, no sort and no row read: for 100,000 tasks
-- under 1 ms at page 100 and 2-25 ms at the middle page (the list with no filter names
-- idx_task_list in TaskMapper.xml, see there why). The status filter already has such an order in
-- idx_task_unit_of (unit_of, status), which InnoDB extends with the primary key. Filter
-- combinations without an index of their own (group and status, ...) read the rows of the most
-- selective index. None of these columns changes when a task is claimed or finishes (only on
-- insert, and "disable" when an operator toggles it), so the claim path writes no more index
-- entries than before.
CREATE INDEX idx_task_list ON jm_task (unit_of, id);
CREATE INDEX idx_task_list_group ON jm_task (unit_of, group_id, id);
CREATE INDEX idx_task_list_disabled ON jm_task (unit_of, disable, id);
CREATE INDEX idx_task_list_group_disabled ON jm_task (unit_of, group_id, disable, id);
