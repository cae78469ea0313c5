package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.SmtpEnvelope;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header an SMTP server prepends to every message it accepts (RFC 5321 section 4.4),
 * with the "with" protocol keywords of RFC 3848, or of RFC 6531 section 4.3 ({@code UTF8SMTP},
 * {@code UTF8SMTPS}) when the transaction used SMTPUTF8.
 */
final class ReceivedHeader {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ReceivedHeader() {
    }

    static byte[] render(SmtpEnvelope envelope, String serverName, String queueId, ZonedDateTime when) {
        var session = envelope.session();
        String protocol = (envelope.smtpUtf8() ? "UTF8SMTP" : "ESMTP") + (session.tls() ? "S" : "");
        StringBuilder h = new StringBuilder("Received: from ")
                .append(sanitize(session.heloName()))
                .append(" ([").append(session.clientAddress()).append("])\r\n\tby ")
                .append(serverName).append(" (MSSante) with ").append(protocol)
                .append(" id ").append(queueId);
        if (envelope.recipients().size() == 1) {
            // Only name a single recipient: listing several would disclose Bcc recipients.
            h.append("\r\n\tfor <").append(envelope.recipients().get(0)).append(">");
        }
        h.append("; ").append(RFC5322_DATE.format(when)).append("\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The HELO name is client-supplied: keep it printable so it cannot inject header lines. */
    private static String sanitize(String helo) {
        if (helo == null || helo.isBlank()) {
            return "unknown";
        }
        return helo.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
