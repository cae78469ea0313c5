package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.Literal;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * APPEND: {@code mailbox [SP flag-list] [SP date-time] SP append-data} (RFC 3501 section 6.3.11), where
 * the message is a {@code literal}, a {@code literal8} (RFC 3516 section 4.4) or the
 * {@code "UTF8" SP "(" literal8 ")"} data item of RFC 6855 section 4.
 */
final class AppendParser {

    private AppendParser() {
    }

    /** After "APPEND SP". */
    static ImapRequest.Append parse(String tag, ImapReader reader) throws ImapSyntaxException {
        String mailbox = reader.mailbox();
        reader.sp();
        List<String> flags = List.of();
        OffsetDateTime date = null;
        if (reader.peek() == '(') {
            flags = reader.flagList();
            reader.sp();
        }
        if (reader.peek() == '"') {
            date = reader.dateTime();
            reader.sp();
        }
        boolean utf8 = false;
        Literal message;
        if (reader.peek() == '{') {
            message = reader.literal();
        } else if (reader.peek() == '~') {
            message = reader.literal8();
        } else if (reader.peek() == 'U' || reader.peek() == 'u') {
            if (!reader.atom().equalsIgnoreCase("UTF8")) {
                throw new ImapSyntaxException("Missing message literal");
            }
            reader.sp();
            reader.expect('(');
            message = reader.literal8();
            reader.expect(')');
            utf8 = true;
        } else {
            throw new ImapSyntaxException("Missing message literal");
        }
        reader.end();
        return new ImapRequest.Append(tag, mailbox, flags, date, message, utf8);
    }

    /**
     * Whether the literal announced at the end of {@code partial} (an APPEND not received yet in full) is
     * the message, which gets the message size limit and a spool, rather than the mailbox name: it is
     * the message as soon as the mailbox argument is complete before it.
     */
    static boolean announcesMessage(ImapCommandText partial) {
        ImapReader reader = new ImapReader(partial);
        try {
            reader.tag();
            reader.sp();
            reader.atom();
            reader.sp();
            if (reader.peek() == '{' && reader.mark().line() == partial.lines().size() - 1) {
                // The pending literal is the mailbox argument itself.
                return false;
            }
            reader.astring();
            return true;
        } catch (ImapSyntaxException e) {
            // A malformed prefix: the parser will refuse the command; size the literal as an argument.
            return false;
        }
    }
}
