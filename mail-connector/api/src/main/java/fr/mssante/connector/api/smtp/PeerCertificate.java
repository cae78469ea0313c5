package fr.mssante.connector.api.smtp;

/**
 * The certificate a TLS client presented (the MX asks every peer for one; other MSSanté operators must
 * present their IGC-Santé certificate). The adapter does not fail the handshake for an untrusted
 * certificate on the MX: it records why, so that the application can refuse with a precise SMTP reply
 * and an audit event instead of an opaque handshake failure.
 *
 * @param subjectDn          the subject distinguished name, RFC 2253 form
 * @param issuerDn           the issuer distinguished name, RFC 2253 form
 * @param sha256Fingerprint  lower-case hex SHA-256 of the DER encoding
 * @param trusted            whether the chain verified (PKIX, validity dates, clientAuth usage) against the
 *                           configured client trust
 * @param verificationFailure why it did not, null when trusted
 */
public record PeerCertificate(String subjectDn, String issuerDn, String sha256Fingerprint, boolean trusted,
                              String verificationFailure) {
}
