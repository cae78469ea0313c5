package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedHeaderTest {

    private static final ZonedDateTime WHEN = ZonedDateTime.parse("2026-12-04T10:15:30+01:00");
    private static final SmtpSessionInfo TLS_SESSION =
            new SmtpSessionInfo("s1", "192.0.2.7", "client.example", "mx", true, null, "TLSv1.3", null);

    @Test
    void esmtpsWithoutSmtpUtf8() {
        String header = render(false);
        assertThat(header).startsWith("Received: from client.example ([192.0.2.7])\r\n\tby mx.test (MSSante) with ESMTPS id Q1");
    }

    /** RFC 6531 section 4.3: UTF8SMTPS, and the recipient in UTF-8 as RFC 6532 allows in such a message. */
    @Test
    void utf8smtpsWithSmtpUtf8() {
        String header = render(true);
        assertThat(header).contains("with UTF8SMTPS id Q1").contains("for <m\u00e9decin@hopital.fr>");
    }

    private static String render(boolean smtpUtf8) {
        SmtpEnvelope envelope = new SmtpEnvelope(TLS_SESSION, Optional.empty(),
                List.of(new MailAddress("m\u00e9decin", "hopital.fr")), "8BITMIME", -1, DsnParameters.NONE, smtpUtf8);
        return new String(ReceivedHeader.render(envelope, "mx.test", "Q1", WHEN), StandardCharsets.UTF_8);
    }
}
