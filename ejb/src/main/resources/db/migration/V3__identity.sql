-- Identity of mail clients and console users (issue 4): who may use a mailbox besides its owner,
-- which TLS client certificates authenticate an applicative mailbox, and the counters that slow down
-- and then refuse password / token guessing.

-- A professional (national id "8"+RPPS, "0"+ADELI, or a non-numeric test identity) who may use a
-- mailbox they do not own: typically the staff of an organisational (ORG) mailbox.
CREATE TABLE mailbox_delegation (
    mailbox_id  uuid        NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    national_id text        NOT NULL CHECK (national_id <> ''),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox_id, national_id)
);
CREATE INDEX mailbox_delegation_person ON mailbox_delegation (national_id);
CREATE INDEX mailbox_owner ON mailbox (owner_national_id);

-- An IGC-Santé (or dev CA) client certificate registered on an APP mailbox for SASL EXTERNAL. The
-- certificate chain is verified by the TLS layer; this table says which mailbox it may act as,
-- by SHA-256 fingerprint of the DER encoding, or by subject DN so a renewed certificate keeps working.
CREATE TABLE mailbox_certificate (
    id                 uuid        PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    mailbox_id         uuid        NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    sha256_fingerprint char(64)    CHECK (sha256_fingerprint ~ '^[0-9a-f]{64}$'),
    subject_dn         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    revoked_at         timestamptz,
    CHECK (sha256_fingerprint IS NOT NULL OR subject_dn IS NOT NULL)
);
CREATE UNIQUE INDEX mailbox_certificate_fingerprint ON mailbox_certificate (sha256_fingerprint)
    WHERE revoked_at IS NULL;
CREATE INDEX mailbox_certificate_subject ON mailbox_certificate (subject_dn) WHERE revoked_at IS NULL;
CREATE INDEX mailbox_certificate_mailbox ON mailbox_certificate (mailbox_id);

-- Failed authentications in the current window, per key ('account:<address>' or 'ip:<address>'),
-- shared by every node of the cluster.
CREATE TABLE auth_failure (
    key          text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);
