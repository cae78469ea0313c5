-- A device's app-password name is unique among the mailbox's live passwords only: after a revocation the
-- same name ("Thunderbird") can be given to a new password. The table-wide constraint made that create
-- fail with a unique violation (HTTP 500) although AppPasswordService checks live names only.
ALTER TABLE app_password DROP CONSTRAINT app_password_mailbox_id_name_key;
CREATE UNIQUE INDEX app_password_live_name ON app_password (mailbox_id, name) WHERE revoked_at IS NULL;
