-- When a node was disabled. A disabled node keeps its heartbeat, so "no node online in a group"
-- (the NO_NODE alarm) cannot tell from heartbeats alone since when the group has had no node that
-- takes work; the moment of the disable is that time. Nodes disabled before this column existed
-- count from the upgrade.
ALTER TABLE jm_node ADD COLUMN disabled_at DATETIME(3) NULL;
UPDATE jm_node SET disabled_at = NOW(3) WHERE disable = 1;
