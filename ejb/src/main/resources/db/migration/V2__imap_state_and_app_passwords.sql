-- What the IMAP server needs beyond delivery: \Recent, creation MODSEQ (to tell new messages from
-- flag changes), tombstones of expunged messages (QRESYNC VANISHED, RFC 7162 3.2.10), raw headers for
-- HEADER/FROM/SUBJECT... searches, and per-device app passwords.

ALTER TABLE message ADD COLUMN recent boolean NOT NULL DEFAULT true;
ALTER TABLE message ADD COLUMN created_modseq bigint;
UPDATE message SET created_modseq = modseq;
ALTER TABLE message ALTER COLUMN created_modseq SET NOT NULL;
CREATE INDEX message_folder_modseq ON message (folder_id, modseq);

CREATE TABLE expunged_message (
    folder_id uuid   NOT NULL REFERENCES folder (id) ON DELETE CASCADE,
    uid       bigint NOT NULL,
    modseq    bigint NOT NULL,
    PRIMARY KEY (folder_id, uid)
);
CREATE INDEX expunged_message_modseq ON expunged_message (folder_id, modseq);

-- The header block as text (RFC 2047 not decoded), capped, for header searches without the blob.
ALTER TABLE message_content ADD COLUMN header_text text NOT NULL DEFAULT '';

-- Per-device passwords for mail clients that cannot do OAuth. Only an Argon2id hash is stored.
CREATE TABLE app_password (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    mailbox_id   uuid        NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    hash         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    UNIQUE (mailbox_id, name)
);
CREATE INDEX app_password_tenant ON app_password (tenant_id);

-- When a delivery request was last put on DeliveryQueue, for the intake sweeper (IntakeSweeper).
ALTER TABLE intake_message ADD COLUMN enqueued_at timestamptz;
UPDATE intake_message SET enqueued_at = received_at;
ALTER TABLE intake_message ALTER COLUMN enqueued_at SET NOT NULL;
