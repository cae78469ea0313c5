package fr.mssante.ejb.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A registered client certificate as administrators see it. The dates and issuer are null for
 * certificates registered before they were recorded (V7).
 *
 * @param match {@code fingerprint} (this certificate only) or {@code subject} (its renewals too)
 */
public record CertificateView(UUID id, String subject, String issuer, String sha256Fingerprint,
                              OffsetDateTime notBefore, OffsetDateTime notAfter, boolean expiresWithin30Days,
                              String match, OffsetDateTime registeredAt) {
}
