-- Row-level security on every tenant-owned table (issue 8, docs/adr/0011-row-level-security.md).
--
-- Migrations run as the owner of the tables (MssanteMigrationDS); the application connects as
-- ${appRole} (MssanteDS), which owns nothing and is neither superuser nor BYPASSRLS, so the policies
-- below apply to every query it sends. The role itself is created by the DBA (README); this migration
-- only grants it what it needs.
--
-- Each transaction of the application says whose rows it may touch, transaction-locally
-- (set_config(..., true), so a pooled connection never carries it to the next transaction):
--   mssante.scope     'tenant' | 'operator' | 'system' (unset or '' = no scope: no tenant row at all)
--   mssante.tenant_id the establishment, in 'tenant' scope

-- expunged_message had no tenant_id: QRESYNC tombstones are read per folder, and a policy through
-- folder would cost a join per row and hide the table from the "every table with tenant_id has RLS"
-- check of RowLevelSecurityIT. The column is filled from the folder, like message.tenant_id.
ALTER TABLE expunged_message ADD COLUMN tenant_id uuid REFERENCES tenant (id);
UPDATE expunged_message e SET tenant_id = f.tenant_id FROM folder f WHERE f.id = e.folder_id;
ALTER TABLE expunged_message ALTER COLUMN tenant_id SET NOT NULL;
CREATE INDEX expunged_message_tenant ON expunged_message (tenant_id);

-- The one rule of every policy: a row is visible and writable in its own tenant's scope, and in the
-- operator's or the system's scope (audit rows without a tenant only there). STABLE and plain SQL so
-- the planner inlines it.
CREATE FUNCTION tenant_row_visible(row_tenant uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('mssante.scope', true), '') IN ('operator', 'system')
        OR (coalesce(current_setting('mssante.scope', true), '') = 'tenant'
            AND row_tenant = nullif(current_setting('mssante.tenant_id', true), '')::uuid)
$$;

ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
    USING (tenant_row_visible(id)) WITH CHECK (tenant_row_visible(id));

ALTER TABLE mail_domain ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_domain
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE mailbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mailbox
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE folder ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON folder
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE message ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE expunged_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON expunged_message
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE app_password ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON app_password
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE mailbox_delegation ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mailbox_delegation
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

ALTER TABLE mailbox_certificate ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mailbox_certificate
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

-- Append-only stays enforced twice: no UPDATE/DELETE grant below, and the trigger of V1 for the owner.
-- Only SELECT and INSERT policies, so the audit writer (system scope) still reads the previous hash.
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_read ON audit_event FOR SELECT
    USING (tenant_row_visible(tenant_id));
CREATE POLICY tenant_isolation_append ON audit_event FOR INSERT
    WITH CHECK (tenant_row_visible(tenant_id));

-- Narrow look-ups that must answer before the tenant is known, each keyed by what the caller has
-- already proved (a verified token's FINESS or national id) or by a public address. SECURITY DEFINER:
-- they run as the owner, which RLS does not restrict, and return nothing but the one answer.
CREATE FUNCTION tenant_of_finess(p_finess text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT id FROM public.tenant WHERE finess = p_finess
$$;

CREATE FUNCTION tenant_of_mailbox(p_address text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT tenant_id FROM public.mailbox WHERE address = lower(p_address)
$$;

CREATE FUNCTION tenant_of_domain(p_name text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT tenant_id FROM public.mail_domain WHERE name = lower(p_name)
$$;

-- The mailboxes a professional owns or is delegated, across establishments (a practitioner may work
-- in several): what the self-service page lists and what OAuth mail login may open.
CREATE FUNCTION mailbox_grants_of(p_national_id text)
    RETURNS TABLE (address text, type text, display_name text, access text, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT m.address, m.type::text, m.display_name,
           CASE WHEN m.owner_national_id = p_national_id THEN 'OWNER' ELSE 'DELEGATE' END,
           m.tenant_id
    FROM public.mailbox m
    WHERE m.status <> 'CLOSED'
      AND (m.owner_national_id = p_national_id
           OR EXISTS (SELECT 1 FROM public.mailbox_delegation d
                      WHERE d.mailbox_id = m.id AND d.national_id = p_national_id))
    ORDER BY 4 DESC, m.address
$$;

REVOKE ALL ON FUNCTION tenant_of_finess(text), tenant_of_mailbox(text), tenant_of_domain(text),
    mailbox_grants_of(text) FROM PUBLIC;

-- What the application may do, and nothing more.
GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant, mail_domain, mailbox, folder, message, expunged_message,
    app_password, mailbox_delegation, mailbox_certificate, blob, message_content, intake_message,
    auth_failure TO ${appRole};
GRANT SELECT, INSERT ON audit_event TO ${appRole};
GRANT SELECT ON flyway_schema_history TO ${appRole};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${appRole};
GRANT EXECUTE ON FUNCTION tenant_row_visible(uuid), tenant_of_finess(text), tenant_of_mailbox(text),
    tenant_of_domain(text), mailbox_grants_of(text) TO ${appRole};
