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

-- The professionals (national ids) who own an ORG mailbox. tenant_id is the mailbox's, copied by the
-- trigger below (JPA maps the table as an element collection of the mailbox and writes only its two
-- columns); it is looked up under the writer's row-level security, so an invisible mailbox leaves it
-- null and the insert fails (fail closed).
CREATE TABLE org_mailbox_owner (
    mailbox_id  uuid NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    national_id text NOT NULL,
    tenant_id   uuid NOT NULL REFERENCES tenant (id),
    PRIMARY KEY (mailbox_id, national_id)
);
CREATE FUNCTION org_mailbox_owner_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tenant_id := (SELECT tenant_id FROM mailbox WHERE id = NEW.mailbox_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER org_mailbox_owner_tenant BEFORE INSERT OR UPDATE ON org_mailbox_owner
    FOR EACH ROW EXECUTE FUNCTION org_mailbox_owner_tenant();

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

-- Row-level security (ADR 0011) on the new tenant-owned tables, and the application role's grants.
-- idempotency_key is not tenant-owned: a row belongs to one API caller (the verified token's subject),
-- is only ever read by (caller, key), and the operator's replays must not need a tenant.
ALTER TABLE tenant_contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_contact
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));
ALTER TABLE org_mailbox_owner ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_mailbox_owner
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_contact, org_mailbox_owner, idempotency_key TO ${appRole};
