package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapStrings;
import fr.mssante.connector.imap.protocol.ImapValueReader;

import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The ENVELOPE of an internationalised message (UTF-8 header fields, RFC 6532) as a session that did not
 * enable UTF8=ACCEPT may see it (RFC 6855 section 5; the rules of RFC 6857 section 3, applied to the
 * precomputed ENVELOPE only):
 * <ul>
 *   <li>a UTF-8 date, subject, display name, group name, In-Reply-To or Message-ID becomes RFC 2047
 *       encoded words ({@code =?UTF-8?B?...?=});</li>
 *   <li>an address whose domain alone is UTF-8 gets the domain's A-labels (RFC 5890), so that it stays
 *       usable;</li>
 *   <li>an address with a UTF-8 local part cannot be written in ASCII: it becomes an empty group whose
 *       name is the encoded address ({@code =?UTF-8?B?...?= :;}), as RFC 6857 section 3.1.10 does.</li>
 * </ul>
 * Strings whose 8-bit octets are not UTF-8 (legacy charsets sent raw) are left as they are, as for any
 * client before this extension; an envelope without 8-bit octets, or one that cannot be read, is
 * returned unchanged.
 */
final class EnvelopeDowngrade {

    /** RFC 2047 section 2: an encoded word is at most 75 characters; 45 octets give 60 of base64. */
    private static final int OCTETS_PER_WORD = 45;
    /** Fields 2 to 7 of an ENVELOPE are address lists: from, sender, reply-to, to, cc, bcc. */
    private static final int ADDRESS_LISTS_FROM = 2;
    private static final int ADDRESS_LISTS_END = 8;

    private EnvelopeDowngrade() {
    }

    /** @param envelope the precomputed ENVELOPE, one char per octet; may be null */
    static String toAscii(String envelope) {
        if (envelope == null || envelope.chars().allMatch(c -> c < 0x80)) {
            return envelope;
        }
        List<?> fields;
        try {
            if (!(ImapValueReader.read(envelope) instanceof List<?> list) || list.size() != 10) {
                return envelope;
            }
            fields = list;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return envelope;
        }
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            if (i >= ADDRESS_LISTS_FROM && i < ADDRESS_LISTS_END && fields.get(i) instanceof List<?> addresses) {
                addresses(out, addresses);
            } else {
                ImapStrings.appendNString(out, encodedWords(string(fields.get(i))));
            }
        }
        return out.append(')').toString();
    }

    private static void addresses(StringBuilder out, List<?> addresses) {
        out.append('(');
        for (Object item : addresses) {
            if (!(item instanceof List<?> address) || address.size() != 4) {
                continue;
            }
            String name = string(address.get(0));
            String route = string(address.get(1));
            String mailbox = string(address.get(2));
            String host = string(address.get(3));
            if (host == null) {
                // Group start (mailbox is the group name) or end (RFC 3501 section 7.4.2).
                address(out, encodedWords(name), route, encodedWords(mailbox), null);
            } else if (utf8(mailbox) != null && !ascii(mailbox)) {
                String spelled = utf8(mailbox) + "@" + (utf8(host) != null ? utf8(host) : host);
                String display = name != null && utf8(name) != null ? utf8(name) + " <" + spelled + ">" : spelled;
                address(out, null, null, encode(display), null);
                address(out, null, null, null, null);
            } else {
                address(out, encodedWords(name), route, mailbox, aLabels(host));
            }
        }
        out.append(')');
    }

    private static void address(StringBuilder out, String name, String route, String mailbox, String host) {
        out.append('(');
        ImapStrings.appendNString(out, name);
        out.append(' ');
        ImapStrings.appendNString(out, route);
        out.append(' ');
        ImapStrings.appendNString(out, mailbox);
        out.append(' ');
        ImapStrings.appendNString(out, host);
        out.append(')');
    }

    private static String aLabels(String host) {
        String unicode = utf8(host);
        if (unicode == null || ascii(host)) {
            return host;
        }
        try {
            return IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /** The octets as encoded words when they are UTF-8 and not ASCII; else unchanged. */
    private static String encodedWords(String octets) {
        if (octets == null || ascii(octets)) {
            return octets;
        }
        String text = utf8(octets);
        return text == null ? octets : encode(text);
    }

    /** RFC 2047 B encoding, split between characters (section 5: a word holds whole characters). */
    private static String encode(String text) {
        StringBuilder words = new StringBuilder();
        byte[] chunk = new byte[OCTETS_PER_WORD + 4];
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (used + encoded.length > OCTETS_PER_WORD) {
                word(words, chunk, used);
                used = 0;
            }
            System.arraycopy(encoded, 0, chunk, used, encoded.length);
            used += encoded.length;
            i += Character.charCount(codePoint);
        }
        if (used > 0) {
            word(words, chunk, used);
        }
        return words.toString();
    }

    private static void word(StringBuilder words, byte[] chunk, int length) {
        if (!words.isEmpty()) {
            words.append(' ');
        }
        words.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(Arrays.copyOf(chunk, length)))
                .append("?=");
    }

    /** The text of octets that are valid UTF-8, else null. */
    private static String utf8(String octets) {
        if (octets == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean ascii(String octets) {
        return octets.chars().allMatch(c -> c < 0x80);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
