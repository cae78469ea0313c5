package fr.mssante.connector.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Mailbox names at the protocol boundary: the client speaks modified UTF-7 (RFC 3501 section 5.1.3), or
 * UTF-8 once it has enabled UTF8=ACCEPT (RFC 6855 section 3); the listener receives UTF-8 names with
 * {@code /} as hierarchy delimiter and {@code INBOX} in its canonical spelling (section 5.1: INBOX is
 * case-insensitive).
 */
public final class MailboxNames {

    public static final char DELIMITER = '/';
    public static final String INBOX = "INBOX";

    /** How a session writes mailbox names; the session chooses, the parser and the encoder follow. */
    public enum Encoding {
        /** RFC 3501 section 5.1.3, the default. */
        MODIFIED_UTF7,
        /**
         * After ENABLE UTF8=ACCEPT (RFC 6855 section 3): names are UTF-8 as they are, in both directions;
         * {@code &} is an ordinary character.
         */
        UTF8
    }

    private MailboxNames() {
    }

    /**
     * From the octets of an astring to the listener's form; a name that is not valid in the session's
     * encoding gets NO. In UTF-8, RFC 6855 section 3 excludes the control characters (U+0000-U+001F,
     * U+007F-U+009F) and the line and paragraph separators (U+2028, U+2029) besides malformed octets.
     */
    public static String decode(byte[] raw, Encoding encoding) throws InvalidMailboxNameException {
        if (encoding == Encoding.UTF8) {
            return canonical(utf8(raw));
        }
        try {
            return canonical(ModifiedUtf7.decode(new String(raw, StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            throw new InvalidMailboxNameException("Invalid mailbox name: " + e.getMessage());
        }
    }

    private static String utf8(byte[] raw) throws InvalidMailboxNameException {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMailboxNameException("Invalid mailbox name: not UTF-8");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                throw new InvalidMailboxNameException("Invalid mailbox name: control character");
            }
        }
        return name;
    }

    /** The listener's form to what the client sees in its session's encoding. */
    public static String encode(String name, Encoding encoding) {
        return encoding == Encoding.UTF8 ? name : ModifiedUtf7.encode(name);
    }

    /**
     * {@code inbox} and {@code Inbox/Sub} become {@code INBOX} and {@code INBOX/Sub}: the first level
     * only, since only INBOX itself is case-insensitive.
     */
    public static String canonical(String name) {
        int slash = name.indexOf(DELIMITER);
        String first = slash < 0 ? name : name.substring(0, slash);
        if (first.equalsIgnoreCase(INBOX) && !first.equals(INBOX)) {
            return INBOX + (slash < 0 ? "" : name.substring(slash));
        }
        return name;
    }

    public static boolean isInbox(String name) {
        return INBOX.equals(name);
    }

    /** Name of the parent, or null at the top level. */
    public static String parent(String name) {
        int slash = name.lastIndexOf(DELIMITER);
        return slash <= 0 ? null : name.substring(0, slash);
    }

    /** Listing order: INBOX and its children first, then the others by code point. */
    public static int compare(String a, String b) {
        boolean inboxA = a.equals(INBOX) || a.startsWith(INBOX + DELIMITER);
        boolean inboxB = b.equals(INBOX) || b.startsWith(INBOX + DELIMITER);
        if (inboxA != inboxB) {
            return inboxA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
