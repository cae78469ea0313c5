-- Foundation schema of the MSSanté operator platform.
-- Every tenant-owned row carries tenant_id (an establishment, identified by its FINESS), so that
-- row-level security can be layered on without touching the mail path.

CREATE TABLE tenant (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    finess      varchar(9)  NOT NULL UNIQUE CHECK (finess ~ '^[0-9A-Z]{9}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mail_domain (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    name        text        NOT NULL UNIQUE CHECK (name = lower(name)),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_domain_tenant ON mail_domain (tenant_id);

-- A BAL (boîte aux lettres). Address and type never change after creation.
CREATE TABLE mailbox (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenant (id),
    domain_id         uuid        NOT NULL REFERENCES mail_domain (id),
    address           text        NOT NULL UNIQUE CHECK (address = lower(address)),
    type              varchar(3)  NOT NULL CHECK (type IN ('PER', 'ORG', 'APP')),
    status            varchar(10) NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    display_name      text,
    owner_national_id text,
    quota_bytes       bigint      NOT NULL CHECK (quota_bytes > 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mailbox_tenant ON mailbox (tenant_id);

-- An IMAP folder. uid_next / highest_modseq are advanced under the row lock of the folder, which
-- serialises appends per folder and makes UIDs strictly increasing without gaps or repeats
-- (RFC 3501 section 2.3.1.1).
CREATE TABLE folder (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    mailbox_id     uuid        NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    name           text        NOT NULL,
    special_use    varchar(16) CHECK (special_use IN ('\Sent', '\Drafts', '\Trash', '\Junk', '\Archive')),
    uid_validity   bigint      NOT NULL CHECK (uid_validity > 0 AND uid_validity < 4294967296),
    uid_next       bigint      NOT NULL DEFAULT 1 CHECK (uid_next > 0),
    highest_modseq bigint      NOT NULL DEFAULT 1,
    subscribed     boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (mailbox_id, name)
);
CREATE INDEX folder_tenant ON folder (tenant_id);

-- Raw message bytes, stored once per content (SHA-256), whatever the number of recipients.
CREATE TABLE blob (
    sha256     char(64)    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size       bigint      NOT NULL,
    content    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- What delivery parsed out of a blob, once: listing fields and the IMAP-ready structure
-- (ENVELOPE, BODYSTRUCTURE, part offsets, search text).
CREATE TABLE message_content (
    blob_sha256    char(64)    PRIMARY KEY REFERENCES blob (sha256),
    subject        text,
    from_display   text,
    sent_date      timestamptz,
    message_id     text,
    header_size    integer     NOT NULL,
    imap_envelope  text        NOT NULL,
    imap_body      text        NOT NULL,
    imap_bodystructure text    NOT NULL,
    structure_json text        NOT NULL,
    search_text    text        NOT NULL,
    has_attachments boolean    NOT NULL
);

-- A message accepted over SMTP: the durable envelope, written in the same transaction as the JMS
-- message that asks for its delivery.
CREATE TABLE intake_message (
    id             uuid        PRIMARY KEY,
    queue_id       varchar(32) NOT NULL UNIQUE,
    received_at    timestamptz NOT NULL,
    session_id     varchar(64) NOT NULL,
    client_address text        NOT NULL,
    helo           text,
    service        varchar(16) NOT NULL,
    reverse_path   text,
    recipients     text[]      NOT NULL CHECK (cardinality(recipients) > 0),
    blob_sha256    char(64)    NOT NULL REFERENCES blob (sha256),
    size           bigint      NOT NULL,
    status         varchar(10) NOT NULL CHECK (status IN ('QUEUED', 'DELIVERED')),
    delivered_at   timestamptz
);
CREATE INDEX intake_message_queued ON intake_message (received_at) WHERE status = 'QUEUED';

-- A message in a folder: one row per (folder, uid).
CREATE TABLE message (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenant (id),
    folder_id         uuid        NOT NULL REFERENCES folder (id) ON DELETE CASCADE,
    uid               bigint      NOT NULL CHECK (uid > 0),
    modseq            bigint      NOT NULL,
    blob_sha256       char(64)    NOT NULL REFERENCES message_content (blob_sha256),
    intake_message_id uuid        REFERENCES intake_message (id),
    internal_date     timestamptz NOT NULL,
    rfc822_size       bigint      NOT NULL,
    flags             text[]      NOT NULL DEFAULT '{}',
    UNIQUE (folder_id, uid),
    -- Redelivery of the same JMS message never creates a second copy.
    UNIQUE (folder_id, intake_message_id)
);
CREATE INDEX message_tenant ON message (tenant_id);
CREATE INDEX message_blob ON message (blob_sha256);

-- Append-only, hash-chained audit trail: who / what / when / which message / outcome.
CREATE TABLE audit_event (
    id           bigserial   PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    tenant_id    uuid,
    actor        text        NOT NULL,
    action       varchar(40) NOT NULL,
    queue_id     varchar(32),
    message_id   text,
    recipients   text[]      NOT NULL DEFAULT '{}',
    outcome      varchar(16) NOT NULL,
    details      text,
    prev_hash    bytea       NOT NULL,
    hash         bytea       NOT NULL UNIQUE
);
CREATE INDEX audit_event_queue ON audit_event (queue_id);
CREATE INDEX audit_event_tenant_time ON audit_event (tenant_id, occurred_at);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- UIDVALIDITY values: unique across all folders ever created, so a recreated folder always gets a
-- new one (RFC 3501 section 2.3.1.1). Starts at the migration time in seconds, as Dovecot does.
CREATE SEQUENCE uid_validity_seq MAXVALUE 4294967295;
SELECT setval('uid_validity_seq', extract(epoch FROM now())::bigint);
