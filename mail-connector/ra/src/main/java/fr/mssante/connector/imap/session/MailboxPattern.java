package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.protocol.MailboxNames;


/**
 * A LIST pattern (RFC 3501 6.3.8): the reference and the mailbox pattern concatenated (a pattern that
 * starts with the delimiter stands alone), {@code *} matching anything and {@code %} anything but the
 * delimiter. INBOX is case-insensitive: names of the INBOX hierarchy are also matched with the start of
 * the pattern that spells (part of) INBOX in any case taken in upper case.
 */
final class MailboxPattern {

    private final String pattern;
    private final String inboxPattern;

    MailboxPattern(String reference, String pattern) {
        String joined = pattern.startsWith("/") ? pattern : reference + pattern;
        this.pattern = joined;
        this.inboxPattern = inboxCase(joined);
    }

    /** The pattern with the literal characters that may spell INBOX at its start upper-cased ("in*" is "IN*"). */
    private static String inboxCase(String pattern) {
        int length = 0;
        while (length < Math.min(pattern.length(), MailboxNames.INBOX.length())
                && Character.toUpperCase(pattern.charAt(length)) == MailboxNames.INBOX.charAt(length)) {
            length++;
        }
        return MailboxNames.INBOX.substring(0, length) + pattern.substring(length);
    }

    boolean matches(String name) {
        boolean inInbox = name.equals(MailboxNames.INBOX) || name.startsWith(MailboxNames.INBOX + MailboxNames.DELIMITER);
        return matches(pattern, name) || (inInbox && matches(inboxPattern, name));
    }

    /**
     * Wildcard matching by dynamic programming over (pattern position, name position): time in
     * O(pattern x name) whatever the pattern, where a backtracking regex of many {@code *} goes
     * exponential; the client chooses the pattern, so this bounds what one LIST may cost.
     */
    static boolean matches(String pattern, String name) {
        int n = name.length();
        // reachable[j]: the pattern prefix read so far matches the first j characters of the name.
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        for (int p = 0; p < pattern.length(); p++) {
            char c = pattern.charAt(p);
            if (c == '*' || c == '%') {
                // Extends any reachable prefix over more characters; '%' stops at the hierarchy delimiter.
                for (int j = 1; j <= n; j++) {
                    reachable[j] |= reachable[j - 1] && (c == '*' || name.charAt(j - 1) != MailboxNames.DELIMITER);
                }
            } else {
                for (int j = n; j >= 1; j--) {
                    reachable[j] = reachable[j - 1] && name.charAt(j - 1) == c;
                }
                reachable[0] = false;
            }
        }
        return reachable[n];
    }
}
