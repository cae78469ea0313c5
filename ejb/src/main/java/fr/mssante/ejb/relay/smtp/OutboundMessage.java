package fr.mssante.ejb.relay.smtp;

import fr.mssante.connector.api.smtp.MailAddress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one SMTP transaction carries: the envelope and the content, sent as stored (RFC 5321 section 2.3.1).
 *
 * @param reversePath MAIL FROM, without angle brackets; null for the null reverse-path {@code <>}
 * @param recipients  at least one
 * @param ret         RFC 3461 RET ({@code FULL} or {@code HDRS}), null if none
 * @param envid       RFC 3461 ENVID (decoded), null if none
 * @param size        the content's size in octets (RFC 1870)
 * @param eightBit    whether the content has octets above 127 (then it needs BODY=8BITMIME, RFC 6152)
 * @param binary      whether the content can only go as BODY=BINARYMIME by BDAT ({@link ContentTraits#binary()})
 * @param smtpUtf8    whether the transaction needs SMTPUTF8 (RFC 6531 section 3.2): a non-ASCII address in the
 *                    envelope, or a UTF-8 header ({@link ContentTraits#utf8Header()})
 * @param content     opens the content; called once per DATA or BDAT
 */
public record OutboundMessage(String reversePath, List<OutboundRecipient> recipients, String ret, String envid,
                             long size, boolean eightBit, boolean binary, boolean smtpUtf8, Content content) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one recipient");
        }
    }

    /** A text message for a peer of any kind: neither binary nor internationalised. */
    public OutboundMessage(String reversePath, List<OutboundRecipient> recipients, String ret, String envid,
                           long size, boolean eightBit, Content content) {
        this(reversePath, recipients, ret, envid, size, eightBit, false, false, content);
    }

    /** The message of these stored bytes, with what they and the envelope demand of the peer. */
    public static OutboundMessage of(String reversePath, List<OutboundRecipient> recipients, String ret, String envid,
                                     byte[] content) {
        ContentTraits traits = ContentTraits.of(content);
        boolean utf8Address = Stream.concat(Stream.ofNullable(reversePath), recipients.stream().map(OutboundRecipient::address))
                .anyMatch(address -> !MailAddress.isAscii(address));
        return new OutboundMessage(reversePath, recipients, ret, envid, content.length, traits.eightBit(),
                traits.binary(), utf8Address || traits.utf8Header(), () -> new ByteArrayInputStream(content));
    }

    /** The stored bytes of the message. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
