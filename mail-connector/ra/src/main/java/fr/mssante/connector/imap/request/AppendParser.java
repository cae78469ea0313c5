package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.Literal;

import java.time.OffsetDateTime;
import java.util.List;

/** APPEND: {@code mailbox [SP flag-list] [SP date-time] SP literal} (RFC 3501 section 6.3.11). */
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
        if (reader.peek() != '{') {
            throw new ImapSyntaxException("Missing message literal");
        }
        Literal message = reader.literal();
        reader.end();
        return new ImapRequest.Append(tag, mailbox, flags, date, message);
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
