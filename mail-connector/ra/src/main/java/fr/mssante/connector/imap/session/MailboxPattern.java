package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.protocol.MailboxNames;

import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 3501 6.3.8): the reference and the mailbox pattern concatenated (a pattern that
 * starts with the delimiter stands alone), {@code *} matching anything and {@code %} anything but the
 * delimiter. INBOX is case-insensitive: names of the INBOX hierarchy are also matched with the start of
 * the pattern that spells (part of) INBOX in any case taken in upper case.
 */
final class MailboxPattern {

    private final Pattern regex;
    private final Pattern inboxRegex;

    MailboxPattern(String reference, String pattern) {
        String joined = pattern.startsWith("/") ? pattern : reference + pattern;
        this.regex = compile(joined);
        this.inboxRegex = compile(inboxCase(joined));
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

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '%') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : "[^/]*");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        boolean inInbox = name.equals(MailboxNames.INBOX) || name.startsWith(MailboxNames.INBOX + MailboxNames.DELIMITER);
        return regex.matcher(name).matches() || (inInbox && inboxRegex.matcher(name).matches());
    }
}
