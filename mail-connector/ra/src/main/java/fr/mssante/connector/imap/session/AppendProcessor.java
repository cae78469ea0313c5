package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse.Code;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * APPEND (RFC 3501 6.3.11) answered with {@code [APPENDUID uidvalidity uid]} (RFC 4315). The message
 * arrived as a literal, a literal8 (binary content, RFC 3516 section 4.4) or the {@code UTF8 (literal8)}
 * data item (RFC 6855 section 4), spooled by the frame decoder, and is stored byte for byte; the session deletes the spool when the command
 * ends, so the listener must copy the content during the call.
 */
final class AppendProcessor implements Processor<ImapRequest.Append> {

    private static final Logger LOG = Logger.getLogger(AppendProcessor.class.getName());

    @Override
    public void process(ImapRequest.Append request, ImapSession session) {
        if (request.utf8() && !session.utf8Accepted()) {
            // RFC 6855 section 4: the UTF8 data item belongs to a session that enabled UTF8=ACCEPT.
            session.bad("APPEND UTF8 needs ENABLE UTF8=ACCEPT");
            return;
        }
        MessageContent content;
        try {
            content = content(request.message());
        } catch (IOException e) {
            LOG.log(Level.WARNING, session.info().sessionId() + ": cannot spool an APPEND message", e);
            session.no("SERVERBUG", "Cannot store the message, try again later");
            return;
        }
        List<String> flags = new ArrayList<>();
        for (String flag : request.flags()) {
            // \Recent is the server's to set (RFC 3501 2.3.2).
            if (!flag.equalsIgnoreCase(Flags.RECENT)) {
                flags.add(flag);
            }
        }
        // RFC 3501 6.3.11: without a date-time, the internal date is the current time.
        OffsetDateTime date = request.internalDate() != null ? request.internalDate() : OffsetDateTime.now(ZoneOffset.UTC);
        String user = session.user();
        // Appending to the selected mailbox: its EXISTS follows with the updates that end every command
        // (RFC 3501 6.3.11).
        session.call(listener -> listener.append(user, request.mailbox(), flags, date, content), result ->
                session.ok(Code.of("APPENDUID", result.uidValidity() + " " + result.uid()), "APPEND completed"));
    }

    private static MessageContent content(Literal literal) throws IOException {
        if (literal instanceof Literal.Spooled spooled) {
            return spooled.spool().content();
        }
        return new InMemoryContent(((Literal.Bytes) literal).data());
    }
}
