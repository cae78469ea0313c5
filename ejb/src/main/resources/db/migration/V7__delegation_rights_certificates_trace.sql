-- Admin API (issue 8): delegation rights, certificate metadata for the listing, and the facts the
-- message trace shows. Numbered V7: V4-V6 are taken by parallel work.

-- What a delegate may do with a mailbox (ADR 0013). READ: every folder read-only over IMAP;
-- READ_WRITE (always stored with READ): change flags, append, expunge, move; SEND_AS: MAIL FROM the
-- mailbox on submission. Delegations granted before this migration could do all three (a token with
-- the mailbox as authorization identity opened it read-write and sent as it), so they keep all three;
-- the default stays, so that code inserting a delegation without naming rights keeps that meaning
-- (the admin API always names them).
ALTER TABLE mailbox_delegation ADD COLUMN rights text[] NOT NULL DEFAULT '{READ,READ_WRITE,SEND_AS}'
    CHECK (rights <@ ARRAY['READ', 'READ_WRITE', 'SEND_AS'] AND cardinality(rights) > 0
           AND (NOT 'READ_WRITE' = ANY(rights) OR 'READ' = ANY(rights)));
ALTER TABLE mailbox_delegation ADD COLUMN granted_by text;

-- Read once from the certificate at registration, so the listing needs no PEM. Certificates registered
-- before this migration show nulls (only the fingerprint or subject was kept).
ALTER TABLE mailbox_certificate ADD COLUMN issuer_dn text;
ALTER TABLE mailbox_certificate ADD COLUMN display_subject text;
ALTER TABLE mailbox_certificate ADD COLUMN certificate_sha256 char(64);
ALTER TABLE mailbox_certificate ADD COLUMN not_before timestamptz;
ALTER TABLE mailbox_certificate ADD COLUMN not_after timestamptz;
ALTER TABLE mailbox_certificate ADD COLUMN revoked_by text;

-- Intake facts for the trace: whether the session was encrypted (RFC 3207 / implicit TLS), with which
-- protocol and cipher suite, and who had authenticated (RFC 4954 principal), as the ACCEPTED step shows
-- them. Null for older messages.
ALTER TABLE intake_message ADD COLUMN tls boolean;
ALTER TABLE intake_message ADD COLUMN tls_protocol text;
ALTER TABLE intake_message ADD COLUMN tls_cipher_suite text;
ALTER TABLE intake_message ADD COLUMN authenticated_user text;
CREATE INDEX intake_message_received ON intake_message (received_at);
CREATE INDEX intake_message_reverse_path ON intake_message (reverse_path);

-- First time the recipient (or a session on their mailbox) set \Seen: the READ step of the trace. Set
-- once, never cleared, even if \Seen is removed later.
ALTER TABLE message ADD COLUMN first_read_at timestamptz;
CREATE INDEX message_intake ON message (intake_message_id);

-- The audit search filters by time over every tenant for the operator.
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- Who created an app password (self-service after a PSC login): the owner's opens the mailbox as its
-- owner, a delegate's with the delegation's rights only. Null for older ones (treated as the owner's).
ALTER TABLE app_password ADD COLUMN national_id text;

-- The narrow look-up of V4 (ADR 0011) answers with the delegation's rights too (NULL for the owner, who
-- may do everything). A function's result type cannot be altered: dropped and created again, with the
-- same grants.
DROP FUNCTION mailbox_grants_of(text);
CREATE FUNCTION mailbox_grants_of(p_national_id text)
    RETURNS TABLE (address text, type text, display_name text, access text, tenant_id uuid, rights text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT m.address, m.type::text, m.display_name,
           CASE WHEN m.owner_national_id = p_national_id THEN 'OWNER' ELSE 'DELEGATE' END,
           m.tenant_id,
           array_to_string(d.rights, ',')
    FROM public.mailbox m
    LEFT JOIN public.mailbox_delegation d ON d.mailbox_id = m.id AND d.national_id = p_national_id
    WHERE m.status <> 'CLOSED'
      AND (m.owner_national_id = p_national_id OR d.national_id IS NOT NULL)
    ORDER BY 4 DESC, m.address
$$;
REVOKE ALL ON FUNCTION mailbox_grants_of(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mailbox_grants_of(text) TO ${appRole};
