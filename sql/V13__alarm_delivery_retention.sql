-- Finished deliveries are deleted after jm.job.master.alarms.delivery-retention, oldest first, in
-- batches: this index finds them without a scan (rows still to be sent have no finished_at).
CREATE INDEX idx_alarm_delivery_finished ON jm_alarm_delivery (finished_at);
