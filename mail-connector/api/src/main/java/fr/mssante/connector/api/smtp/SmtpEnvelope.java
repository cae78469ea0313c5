package fr.mssante.connector.api.smtp;

import java.util.List;
import java.util.Optional;

/**
 * The envelope of one mail transaction (RFC 5321 section 2.3.1).
 *
 * @param session     the connection it arrived on
 * @param reversePath the MAIL FROM address; empty for the null reverse-path {@code <>} used by bounces
 * @param recipients  the recipients accepted so far (in {@code deliver}: all accepted recipients, never empty)
 * @param bodyType    {@code 7BIT}, {@code 8BITMIME} (RFC 6152) or {@code BINARYMIME} (RFC 3030 section 3, content
 *                    received by BDAT: it may hold bare CR or LF, NUL, lines of any length)
 * @param declaredSize the SIZE parameter of MAIL FROM (RFC 1870), or -1 when not given
 * @param dsn         the RFC 3461 parameters of MAIL FROM and RCPT TO ({@link DsnParameters#NONE} without any)
 * @param smtpUtf8    whether MAIL FROM carried SMTPUTF8 (RFC 6531 section 3.4): addresses and header fields may
 *                    be UTF-8 (RFC 6532)
 */
public record SmtpEnvelope(SmtpSessionInfo session,
                           Optional<MailAddress> reversePath,
                           List<MailAddress> recipients,
                           String bodyType,
                           long declaredSize,
                           DsnParameters dsn,
                           boolean smtpUtf8) {

    public SmtpEnvelope {
        recipients = List.copyOf(recipients);
        dsn = dsn == null ? DsnParameters.NONE : dsn;
    }

    /** An envelope without SMTPUTF8. */
    public SmtpEnvelope(SmtpSessionInfo session, Optional<MailAddress> reversePath, List<MailAddress> recipients,
                        String bodyType, long declaredSize, DsnParameters dsn) {
        this(session, reversePath, recipients, bodyType, declaredSize, dsn, false);
    }

    /** An envelope without DSN parameters nor SMTPUTF8. */
    public SmtpEnvelope(SmtpSessionInfo session, Optional<MailAddress> reversePath, List<MailAddress> recipients,
                        String bodyType, long declaredSize) {
        this(session, reversePath, recipients, bodyType, declaredSize, DsnParameters.NONE, false);
    }
}
