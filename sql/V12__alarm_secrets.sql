-- Alarm rules' webhook secrets are stored encrypted when a params key is configured
-- ("{aesgcm:<key id>}<base64>", as sensitive params; header names stay in clear, their values are
-- encrypted one by one). A ciphertext is longer than its clear text: the URL (up to 2048
-- characters) and the HMAC key (up to 256) get room for it. Rows written before are encrypted by
-- the masters themselves at their next start, with no step of an operator's. One statement per
-- change: the H2 demo runs these too.
ALTER TABLE jm_alarm_rule MODIFY COLUMN webhook_url TEXT NULL;
ALTER TABLE jm_alarm_rule MODIFY COLUMN hmac_secret VARCHAR(2048) NULL;
