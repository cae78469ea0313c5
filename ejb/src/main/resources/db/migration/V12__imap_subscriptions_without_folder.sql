-- Subscriptions that outlive their folder (issue 10, ADR 0028). RFC 3501 6.3.6: the server "MUST NOT
-- unilaterally remove an existing mailbox name from the subscription list even if a mailbox by that name
-- no longer exists"; RFC 5258 section 3 then lists such a name \NonExistent under LIST (SUBSCRIBED).
-- A folder's own subscription stays folder.subscribed; a row here is a subscribed name without a folder
-- (written by DELETE, removed by UNSUBSCRIBE or by a CREATE of the same name, which is then subscribed).
CREATE TABLE subscription_without_folder (
    tenant_id  uuid NOT NULL REFERENCES tenant (id),
    mailbox_id uuid NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    name       text NOT NULL,
    PRIMARY KEY (mailbox_id, name)
);
CREATE INDEX subscription_without_folder_tenant ON subscription_without_folder (tenant_id);

ALTER TABLE subscription_without_folder ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscription_without_folder
    USING (tenant_row_visible(tenant_id)) WITH CHECK (tenant_row_visible(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON subscription_without_folder TO ${appRole};

