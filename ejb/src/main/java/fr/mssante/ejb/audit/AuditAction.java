package fr.mssante.ejb.audit;

/** What happened. */
public enum AuditAction {
    /** A message was accepted over SMTP (250 sent after commit). */
    SMTP_ACCEPTED,
    /** A message was appended to a recipient's INBOX. */
    DELIVERED,
    /** A recipient could not be delivered (e.g. mailbox closed since RCPT). */
    DELIVERY_FAILED,
    /** A mail client authenticated (IMAP or submission); details name the mechanism and address. */
    AUTH_SUCCEEDED,
    /** A mail client's authentication was rejected, or refused while the account or address was locked. */
    AUTH_FAILED,
    /** An app password was created for a mailbox (details: its name and id; never the secret). */
    APP_PASSWORD_CREATED,
    /** An app password was revoked. */
    APP_PASSWORD_REVOKED,
    /** A professional was allowed to use a mailbox they do not own, or their rights were changed. */
    DELEGATION_GRANTED,
    /** A delegation was withdrawn. */
    DELEGATION_REVOKED,
    /** A client certificate was registered on an APP mailbox for SASL EXTERNAL. */
    CERTIFICATE_REGISTERED,
    /** An establishment was created or its name or contacts changed (details: what). */
    ESTABLISHMENT_CREATED,
    ESTABLISHMENT_UPDATED,
    /** A domain was added to or removed from an establishment. */
    DOMAIN_ADDED,
    DOMAIN_REMOVED,
    /** A mailbox was created, or its settings changed through the admin API. */
    MAILBOX_CREATED,
    MAILBOX_UPDATED,
    /** Lifecycle (details: the administrator's reason). */
    MAILBOX_SUSPENDED,
    MAILBOX_CLOSED,
    MAILBOX_REACTIVATED,
    /** The content of a closed mailbox was deleted after its retention period. */
    MAILBOX_PURGED,
    /** A registered client certificate was revoked: it no longer authenticates with EXTERNAL. */
    CERTIFICATE_REVOKED,
    /**
     * An unauthenticated MX session gave a reverse-path in a hosted domain (details: peer, sender, reason);
     * outcome {@code refused}, or {@code log-only} when {@code mssante.mx.policy=log-only} let it through.
     */
    MX_SENDER_REFUSED,
    /**
     * A new version of the national whitelist became the current list (details: version, sha256, domain
     * count, generation date, warnings, previous version, source). Actor: the node's scheduled refresh
     * or the operator administrator who asked for it. No tenant: operator-level data.
     */
    WHITELIST_UPDATED,
    /**
     * A whitelist download was refused and the current list kept (details: reason — unreachable,
     * truncated, too large, unparsable, wrong schema, no domain, SHA-256 mismatch — the version kept and the
     * source); outcome {@code rejected}. No tenant: operator-level data.
     */
    WHITELIST_REJECTED,
    /**
     * A delivery status notification was queued for the original sender (queue id: the report's; details:
     * the kind, the original message's queue id and the recipients reported on).
     */
    DSN_SENT,
    /** Relay to another operator (ADR 0018): the peer accepted the recipients (details: remote MTA, reply). */
    RELAYED,
    /** A relay attempt failed temporarily (4xx, network, TLS, DNS, peer certificate); retried later. */
    RELAY_DEFERRED,
    /** Relay failed for good: 5xx, null MX, size or content the peer cannot take, or expiry after retries. */
    RELAY_FAILED,
    /**
     * A peer on the MX did not prove to be the MSSanté operator of its sender's domain (ADR 0017; details:
     * peer, sender, domain, certificate subject, issuer and fingerprint, TLS, reason); no tenant, the sender
     * being foreign. Outcome {@code refused}, or {@code log-only} when {@code mssante.mx.policy=log-only}.
     */
    MX_PEER_REFUSED,
    /** An administrator made the queued recipients of a relay queue entry due now (details: entry, domain). */
    RELAY_RETRIED_BY_ADMIN,
    /** An administrator failed the queued recipients of a relay queue entry; the sender gets a failure notice. */
    RELAY_BOUNCED_BY_ADMIN,
    /** An administrator dropped the queued recipients of a relay queue entry, without notice to the sender. */
    RELAY_DELETED_BY_ADMIN
}
