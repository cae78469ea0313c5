-- Admin API v1 (docs/api/admin-api-v1.md, ADR 0012): establishment contacts, versions for ETags
-- (RFC 7232), mailbox directory flags, ORG owners, lifecycle timestamps, and idempotent creates.

ALTER TABLE tenant ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- An establishment's contacts, in the order the administrator gave them.
CREATE TABLE tenant_contact (
    tenant_id uuid    NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    name      text    NOT NULL,
    role      text,
    email     text,
    phone     text,
    PRIMARY KEY (tenant_id, position)
);

ALTER TABLE mailbox
    ADD COLUMN version                bigint      NOT NULL DEFAULT 0,
    ADD COLUMN published_in_directory boolean     NOT NULL DEFAULT true,
    ADD COLUMN red_list               boolean     NOT NULL DEFAULT false,
    ADD COLUMN status_changed_at      timestamptz,
    -- CLOSED only: when the purge job empties the mailbox, and when it did (the row stays as a tombstone).
    ADD COLUMN purge_after            timestamptz,
    ADD COLUMN purged_at              timestamptz;
CREATE INDEX mailbox_due_for_purge ON mailbox (purge_after) WHERE status = 'CLOSED' AND purged_at IS NULL;

-- The professionals (national ids) who own an ORG mailbox.
CREATE TABLE org_mailbox_owner (
    mailbox_id  uuid NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    national_id text NOT NULL,
    PRIMARY KEY (mailbox_id, national_id)
);

-- First answer to a POST carrying an Idempotency-Key, replayed for 24 h to the same caller.
CREATE TABLE idempotency_key (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       integer     NOT NULL,
    location     text,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_key_age ON idempotency_key (created_at);
