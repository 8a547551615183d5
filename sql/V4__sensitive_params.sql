-- Sensitive params: a task may mark its params sensitive; they are then stored encrypted (AES-GCM,
-- "{aesgcm:<key id>}<base64 of nonce + ciphertext + tag>", the key id naming which configured key
-- encrypted them, so keys can rotate). Existing rows keep their params as they are (0: not sensitive).
ALTER TABLE jm_task ADD COLUMN params_sensitive TINYINT NOT NULL DEFAULT 0;
