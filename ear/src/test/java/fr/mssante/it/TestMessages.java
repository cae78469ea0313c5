package fr.mssante.it;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** What the in-container tests hand to the intake as if the SMTP engine had received it. */
final class TestMessages {

    static final String SENDER = "sender@clinique.mssante.fr";

    private TestMessages() {
    }

    /** An envelope from {@link #SENDER} on the MX, without TLS or authentication. */
    static SmtpEnvelope envelope(String sessionId, String to) {
        return new SmtpEnvelope(new SmtpSessionInfo(sessionId, "127.0.0.1", "test.local", "mx", false, null, null, null),
                Optional.of(MailAddress.parse(SENDER)), List.of(MailAddress.parse(to)), "8BITMIME", -1);
    }

    /** A small message with this subject. */
    static MessageContent content(String subject) {
        byte[] bytes = ("From: " + SENDER + "\r\nSubject: " + subject + "\r\n\r\nBonjour\r\n").getBytes(StandardCharsets.UTF_8);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
