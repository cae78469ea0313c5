package fr.mssante.ejb.relay.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What one SMTP transaction carries: the envelope and the content, sent as stored (RFC 5321 section 2.3.1).
 *
 * @param reversePath MAIL FROM, without angle brackets; null for the null reverse-path {@code <>}
 * @param recipients  at least one
 * @param ret         RFC 3461 RET ({@code FULL} or {@code HDRS}), null if none
 * @param envid       RFC 3461 ENVID (decoded), null if none
 * @param size        the content's size in octets (RFC 1870)
 * @param eightBit    whether the content has octets above 127 (then it needs BODY=8BITMIME, RFC 6152)
 * @param content     opens the content; called once per DATA
 */
public record OutboundMessage(String reversePath, List<OutboundRecipient> recipients, String ret, String envid,
                             long size, boolean eightBit, Content content) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one recipient");
        }
    }

    /** The stored bytes of the message. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** Whether {@code bytes} has an octet above 127, which 7-bit SMTP cannot carry (RFC 6152 section 3). */
    public static boolean hasEightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
