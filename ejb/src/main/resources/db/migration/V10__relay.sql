-- Outbound relay to the other operators of the MSSanté trust space (issue 9, docs/adr/0018-outbound-relay.md).
--
-- An accepted message (intake_message) with recipients in domains not hosted here gets one relay_message
-- per destination domain, written in the delivery transaction, and one relay_recipient per recipient of
-- that domain. The relay worker sends one SMTP transaction per relay_message with every due recipient of
-- it, and records each recipient's outcome here: the database, not the broker, is the source of truth of
-- the queue (which recipient is due when), so any node takes over the work of a dead one.
--
-- Row-level security (ADR 0011): a relay message belongs to the establishment of its sender when the sender
-- is hosted here (tenant_id), so an establishment's administrator sees its own outgoing queue; rows without
-- a tenant (a bounce with the null sender, mail from a sender of no establishment) are visible in the
-- operator and system scopes only. The worker runs in the system scope ("relay").

CREATE TABLE relay_message (
    id                uuid        PRIMARY KEY,
    intake_message_id uuid        NOT NULL REFERENCES intake_message (id),
    -- The destination domain, lower-case A-label: what routing (transport map, MX) and the whitelist check use.
    domain            text        NOT NULL CHECK (domain = lower(domain)),
    -- The intake queue id, for the trace and the audit (one message, one queue id, however many domains).
    queue_id          varchar(32) NOT NULL,
    -- MAIL FROM as accepted; null for the null reverse-path <> (delivery status notifications).
    reverse_path      text,
    blob_sha256       char(64)    NOT NULL REFERENCES blob (sha256),
    size              bigint      NOT NULL CHECK (size >= 0),
    -- RFC 3461 RET and ENVID of the original MAIL FROM, passed on to a peer that advertises DSN (section 5.2).
    dsn_ret           varchar(4)  CHECK (dsn_ret IN ('FULL', 'HDRS')),
    dsn_envid         text,
    -- When we accepted the original message (Arrival-Date of the notices, RFC 3464 section 2.2.5).
    received_at       timestamptz NOT NULL,
    tenant_id         uuid        REFERENCES tenant (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- QUEUED while a recipient is QUEUED; DONE once every recipient reached a final status.
    state             varchar(10) NOT NULL CHECK (state IN ('QUEUED', 'DONE')),
    -- A redelivered delivery request never enqueues twice.
    UNIQUE (intake_message_id, domain)
);
CREATE INDEX relay_message_tenant ON relay_message (tenant_id, created_at);
CREATE INDEX relay_message_queued ON relay_message (domain) WHERE state = 'QUEUED';

CREATE TABLE relay_recipient (
    id                uuid        PRIMARY KEY,
    relay_message_id  uuid        NOT NULL REFERENCES relay_message (id) ON DELETE CASCADE,
    -- The relay message's, copied so that the policy needs no join (and the RLS proof test sees it).
    tenant_id         uuid        REFERENCES tenant (id),
    address           text        NOT NULL,
    -- RFC 3461 ORCPT (addr-type;address, decoded) and NOTIFY keywords joined by ',' (null: not given).
    orcpt             text,
    notify            text,
    --   QUEUED   waiting for its next attempt (next_attempt_at), or being attempted (leased, see below)
    --   SENT     the peer accepted it after DATA (2xx)
    --   FAILED   permanent failure (5xx, null MX, size, 8-bit content for a 7-bit peer, bounced by an admin)
    --   EXPIRED  still failing temporarily after mssante.relay.expire-after
    --   DELETED  removed from the queue by an administrator, without notice
    status            varchar(10) NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'EXPIRED', 'DELETED')),
    attempts          integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Due when <= now(). An attempt in progress pushes it forward by a lease longer than any SMTP
    -- transaction, so a node that dies mid-attempt leaves the recipient due again for another node.
    next_attempt_at   timestamptz,
    last_attempt_at   timestamptz,
    last_reply_code   integer     CHECK (last_reply_code BETWEEN 200 AND 599),
    -- The peer's reply (enhanced status and text), or what went wrong before any reply (network, TLS, DNS).
    last_reply        text,
    remote_mta        text,
    delay_notice_sent boolean     NOT NULL DEFAULT false,
    finished_at       timestamptz,
    UNIQUE (relay_message_id, address),
    CHECK ((status = 'QUEUED') = (next_attempt_at IS NOT NULL)),
    CHECK ((status = 'QUEUED') = (finished_at IS NULL))
);
CREATE INDEX relay_recipient_due ON relay_recipient (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX relay_recipient_message ON relay_recipient (relay_message_id);
CREATE INDEX relay_recipient_tenant ON relay_recipient (tenant_id);

ALTER TABLE relay_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON relay_message
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));
ALTER TABLE relay_recipient ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON relay_recipient
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON relay_message, relay_recipient TO ${appRole};
