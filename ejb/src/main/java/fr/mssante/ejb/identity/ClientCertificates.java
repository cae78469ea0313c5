package fr.mssante.ejb.identity;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.persistence.NativeColumns;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * TLS client certificates registered on applicative (APP) mailboxes, for SASL EXTERNAL. The TLS layer
 * has already verified the chain against the configured trust anchors (IGC-Santé); this registry says
 * which mailbox a certificate may act as: by SHA-256 fingerprint (exactly this certificate) or by
 * subject DN (this certificate and its renewals).
 */
@Stateless
public class ClientCertificates {

    /** How early the listing flags a certificate about to expire, for the administrator to renew it. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private CredentialAudit credentialAudit;

    /** Registers a certificate (fingerprint and subject, or subject only when {@code bySubject}). */
    public UUID register(String address, X509Certificate certificate, boolean bySubject, String actor) {
        Mailbox mailbox = mailboxes.existing(address);
        if (mailbox.getType() != MailboxType.APP) {
            throw new MailboxException(MailboxException.Reason.INVALID,
                    "certificates authenticate applicative (APP) mailboxes only; " + address + " is "
                            + mailbox.getType());
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO mailbox_certificate (id, tenant_id, mailbox_id, sha256_fingerprint, subject_dn, "
                        + "display_subject, issuer_dn, certificate_sha256, not_before, not_after) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, id).setParameter(2, mailbox.getTenantId()).setParameter(3, mailbox.getId())
                .setParameter(4, bySubject ? null : fingerprintOf(certificate))
                .setParameter(5, subject(certificate))
                .setParameter(6, certificate.getSubjectX500Principal().getName())
                .setParameter(7, certificate.getIssuerX500Principal().getName())
                .setParameter(8, fingerprintOf(certificate))
                .setParameter(9, OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC))
                .setParameter(10, OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC))
                .executeUpdate();
        credentialAudit.record(AuditAction.CERTIFICATE_REGISTERED, actor, mailbox, "id=" + id + " subject="
                + subject(certificate) + " sha256=" + fingerprintOf(certificate) + (bySubject ? " match=subject" : ""));
        return id;
    }

    /** The mailbox's certificates still in force (not revoked), by registration date. */
    public List<CertificateView> list(String address) {
        Mailbox mailbox = mailboxes.existing(address);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(id AS text), coalesce(display_subject, subject_dn), "
                        + "issuer_dn, coalesce(certificate_sha256, sha256_fingerprint), not_before, not_after, "
                        + "sha256_fingerprint IS NULL, created_at FROM mailbox_certificate "
                        + "WHERE mailbox_id = ?1 AND revoked_at IS NULL ORDER BY created_at, id")
                .setParameter(1, mailbox.getId()).getResultList();
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plus(EXPIRY_WARNING);
        return rows.stream().map(r -> {
            OffsetDateTime notAfter = NativeColumns.timestamp(r[5]);
            return new CertificateView(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], (String) r[3],
                    NativeColumns.timestamp(r[4]), notAfter, notAfter != null && notAfter.isBefore(soon),
                    (Boolean) r[6] ? "subject" : "fingerprint", NativeColumns.timestamp(r[7]));
        }).toList();
    }

    /** Revokes a certificate of the mailbox: EXTERNAL with it fails from the next authentication. */
    public void revoke(String address, UUID id, String actor) {
        Mailbox mailbox = mailboxes.existing(address);
        int revoked = em.createNativeQuery("UPDATE mailbox_certificate SET revoked_at = now(), revoked_by = ?3 "
                        + "WHERE id = ?1 AND mailbox_id = ?2 AND revoked_at IS NULL")
                .setParameter(1, id).setParameter(2, mailbox.getId()).setParameter(3, actor).executeUpdate();
        if (revoked == 0) {
            throw new MailboxException(MailboxException.Reason.NOT_FOUND,
                    "no registered certificate " + id + " for " + address);
        }
        credentialAudit.record(AuditAction.CERTIFICATE_REVOKED, actor, mailbox, "id=" + id);
    }


    /**
     * The active APP mailbox this certificate may act as. With an authorization identity, only that
     * mailbox; without one, the certificate must designate exactly one mailbox.
     */
    public Optional<String> mailboxFor(X509Certificate certificate, String authorizationId) {
        @SuppressWarnings("unchecked")
        List<String> addresses = em.createNativeQuery("""
                        SELECT DISTINCT m.address FROM mailbox_certificate c JOIN mailbox m ON m.id = c.mailbox_id
                        WHERE c.revoked_at IS NULL AND m.status = 'ACTIVE' AND m.type = 'APP'
                          AND (c.sha256_fingerprint = ?1 OR (c.sha256_fingerprint IS NULL AND c.subject_dn = ?2))""")
                .setParameter(1, fingerprintOf(certificate)).setParameter(2, subject(certificate)).getResultList();
        if (authorizationId != null && !authorizationId.isBlank()) {
            String wanted = authorizationId.strip().toLowerCase(Locale.ROOT);
            return addresses.contains(wanted) ? Optional.of(wanted) : Optional.empty();
        }
        return addresses.size() == 1 ? Optional.of(addresses.get(0)) : Optional.empty();
    }

    public static String fingerprintOf(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** RFC 2253 canonical form: the same DN written with other spacing or case matches. */
    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL);
    }
}
