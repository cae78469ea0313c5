package fr.mssante.connector.imap.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Mailbox names at the protocol boundary: the client speaks modified UTF-7 (RFC 3501 section 5.1.3),
 * the listener receives UTF-8 names with {@code /} as hierarchy delimiter and {@code INBOX} in its
 * canonical spelling (section 5.1: INBOX is case-insensitive).
 */
public final class MailboxNames {

    public static final char DELIMITER = '/';
    public static final String INBOX = "INBOX";

    private MailboxNames() {
    }

    /** From the octets of an astring to the listener's form; a name that is not modified UTF-7 gets NO. */
    public static String decode(byte[] raw) throws InvalidMailboxNameException {
        try {
            return canonical(ModifiedUtf7.decode(new String(raw, StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            throw new InvalidMailboxNameException("Invalid mailbox name: " + e.getMessage());
        }
    }

    /** The listener's form to what the client sees. */
    public static String encode(String name) {
        return ModifiedUtf7.encode(name);
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
