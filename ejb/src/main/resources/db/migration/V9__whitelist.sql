-- The MSSanté whitelist (liste blanche des domaines MSSanté, issue 9, docs/adr/0016-whitelist.md): every
-- version the platform accepted, with its entries, and the state of the fetching.
--
-- Operator-level, public data (the national list names every operator's domains): no tenant_id, hence
-- no row-level security (ADR 0011, "shared tables need grants only"). The application role may read and
-- add versions and record checks; it may not delete or rewrite what a version listed.

-- One row per distinct download that was accepted. An identical download (same sha256 as the latest
-- version) adds no row: it moves last_checked_at.
CREATE TABLE whitelist_version (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fetched_at      timestamptz NOT NULL,
    last_checked_at timestamptz NOT NULL,
    source_url      text        NOT NULL,
    sha256          char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes      integer     NOT NULL,
    generated_text  text,                 -- DateDeGeneration as published
    generated_at    timestamptz,          -- the same when its format is recognised
    domain_count    integer     NOT NULL CHECK (domain_count > 0),
    warnings        text[]      NOT NULL DEFAULT '{}',  -- entries left out or doubtful, one line each
    fetched_by      text        NOT NULL  -- the scheduled refresh of a node, or the operator who asked
);
CREATE INDEX whitelist_version_latest ON whitelist_version (fetched_at DESC, id DESC);

-- What a version listed, one row per domain (the parser keeps the first of duplicates).
CREATE TABLE whitelist_entry (
    version_id          bigint NOT NULL REFERENCES whitelist_version (id),
    domain              text   NOT NULL,
    operator_dn         text   NOT NULL,
    description         text,
    responsible_contact text,
    support_contact     text,
    updated_text        text,  -- DateMAJ as published
    PRIMARY KEY (version_id, domain)
);

-- One row: the last attempt of any node, successful or not, and the last error, for REST and /health.
-- Also the cluster's lock: the node that fetches holds this row FOR UPDATE, others skip it (SKIP LOCKED)
-- and read the result on their next tick.
CREATE TABLE whitelist_fetch (
    id              smallint PRIMARY KEY CHECK (id = 1),
    last_attempt_at timestamptz,
    last_success_at timestamptz,
    last_error      text,
    last_error_at   timestamptz
);
INSERT INTO whitelist_fetch (id) VALUES (1);

GRANT SELECT, INSERT, UPDATE (last_checked_at) ON whitelist_version TO ${appRole};
GRANT SELECT, INSERT ON whitelist_entry TO ${appRole};
GRANT SELECT, UPDATE ON whitelist_fetch TO ${appRole};
-- Identity columns use a sequence the role must be allowed to advance.
GRANT USAGE ON SEQUENCE whitelist_version_id_seq TO ${appRole};
