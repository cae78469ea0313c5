package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.InvalidMailboxNameException;
import fr.mssante.connector.imap.request.ImapRequest.Command;
import fr.mssante.connector.imap.request.ImapRequest.MailboxCommand;
import fr.mssante.connector.imap.request.ImapRequest.StatusItem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one command ({@code tag SP command [SP arguments]}, RFC 3501 section 9 {@code command}) into an
 * {@link ImapRequest}. Commands with rich arguments have a parser of their own; this class reads the
 * tag and the name, and the commands whose arguments are a mailbox or two.
 *
 * <p>The parser knows no state: whether a command is allowed now is the session's decision.
 */
public final class ImapRequestParser {

    /** @param names the session's mailbox name encoding (UTF-8 after ENABLE UTF8=ACCEPT, RFC 6855) */
    public ImapRequest parse(ImapCommandText text, MailboxNames.Encoding names) throws BadRequest, RefusedRequest {
        ImapReader reader = new ImapReader(text, names);
        String tag;
        try {
            tag = reader.tag();
            reader.sp();
        } catch (ImapSyntaxException e) {
            throw new BadRequest(null, "Missing or invalid tag");
        }
        String name;
        try {
            name = reader.atom().toUpperCase(Locale.ROOT);
        } catch (ImapSyntaxException e) {
            throw new BadRequest(tag, "Missing or invalid command name");
        }
        try {
            if (name.equals("UID")) {
                reader.sp();
                return uidCommand(tag, reader.atom().toUpperCase(Locale.ROOT), reader);
            }
            return command(tag, name, reader);
        } catch (InvalidMailboxNameException e) {
            throw new RefusedRequest(tag, e.getMessage());
        } catch (ImapSyntaxException e) {
            throw new BadRequest(tag, e.getMessage());
        }
    }

    /**
     * The command name of an incomplete command, for the frame decoder, which must size a literal before
     * it arrives ({@code APPEND} messages are limited by the message size, other literals by the literal
     * limit).
     */
    public static boolean announcesAppendMessage(ImapCommandText partial) {
        ImapReader reader = new ImapReader(partial);
        try {
            reader.tag();
            reader.sp();
            return reader.atom().equalsIgnoreCase("APPEND") && AppendParser.announcesMessage(partial);
        } catch (ImapSyntaxException e) {
            return false;
        }
    }

    private ImapRequest command(String tag, String name, ImapReader reader) throws ImapSyntaxException {
        switch (name) {
            case "CAPABILITY", "NOOP", "LOGOUT", "CHECK", "CLOSE", "EXPUNGE", "UNSELECT", "IDLE", "NAMESPACE", "STARTTLS":
                reader.end();
                return new ImapRequest.Simple(tag, Command.valueOf(name));
            case "LOGIN": {
                reader.sp();
                String user = reader.astringUtf8();
                reader.sp();
                String password = reader.astringUtf8();
                reader.end();
                return new ImapRequest.Login(tag, user, password);
            }
            case "AUTHENTICATE":
                return authenticate(tag, reader);
            case "SELECT", "EXAMINE":
                reader.sp();
                return SelectParser.parse(tag, name.equals("EXAMINE"), reader);
            case "CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE": {
                reader.sp();
                String mailbox = reader.mailbox();
                reader.end();
                return new ImapRequest.MailboxRequest(tag, MailboxCommand.valueOf(name), mailbox);
            }
            case "RENAME": {
                reader.sp();
                String from = reader.mailbox();
                reader.sp();
                String to = reader.mailbox();
                reader.end();
                return new ImapRequest.Rename(tag, from, to);
            }
            case "LIST", "LSUB":
                reader.sp();
                return ListParser.parse(tag, name.equals("LSUB"), reader);
            case "STATUS":
                return status(tag, reader);
            case "APPEND":
                reader.sp();
                return AppendParser.parse(tag, reader);
            case "ENABLE":
                return enable(tag, reader);
            case "ID":
                return id(tag, reader);
            case "COMPRESS": {
                reader.sp();
                String mechanism = reader.atom();
                reader.end();
                return new ImapRequest.Compress(tag, mechanism);
            }
            case "GETQUOTA": {
                reader.sp();
                String root = reader.astringUtf8();
                reader.end();
                return new ImapRequest.GetQuota(tag, root);
            }
            case "GETQUOTAROOT": {
                reader.sp();
                String mailbox = reader.mailbox();
                reader.end();
                return new ImapRequest.GetQuotaRoot(tag, mailbox);
            }
            case "SETQUOTA":
                return setQuota(tag, reader);
            case "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "SORT", "THREAD":
                return uidCommand(tag, name, reader, false);
            default:
                throw new ImapSyntaxException("Unknown command " + printable(name));
        }
    }

    private ImapRequest uidCommand(String tag, String name, ImapReader reader) throws ImapSyntaxException {
        if (name.equals("EXPUNGE")) {
            reader.sp();
            ImapRequest request = new ImapRequest.UidExpunge(tag, reader.sequenceSet());
            reader.end();
            return request;
        }
        return uidCommand(tag, name, reader, true);
    }

    /** The commands that exist with and without the UID prefix. */
    private ImapRequest uidCommand(String tag, String name, ImapReader reader, boolean uid) throws ImapSyntaxException {
        reader.sp();
        switch (name) {
            case "FETCH":
                return FetchParser.parse(tag, uid, reader);
            case "STORE":
                return StoreParser.parse(tag, uid, reader);
            case "SEARCH":
                return SearchParser.search(tag, uid, reader);
            case "SORT":
                return SearchParser.sort(tag, uid, reader);
            case "THREAD":
                return SearchParser.thread(tag, uid, reader);
            case "COPY", "MOVE": {
                ImapRequest request = new ImapRequest.Copy(tag, uid, name.equals("MOVE"), reader.sequenceSet(),
                        mailboxArgument(reader));
                reader.end();
                return request;
            }
            default:
                throw new ImapSyntaxException("Unknown command UID " + printable(name));
        }
    }

    private static String mailboxArgument(ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        return reader.mailbox();
    }

    /** {@code AUTHENTICATE SP auth-type [SP (base64 / "=")]} (RFC 3501, RFC 4959). */
    private static ImapRequest authenticate(String tag, ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        String mechanism = reader.atom().toUpperCase(Locale.ROOT);
        String initial = null;
        if (reader.more()) {
            initial = reader.word();
            if (initial.equals("=")) {
                initial = "";
            }
        }
        reader.end();
        return new ImapRequest.Authenticate(tag, mechanism, initial);
    }

    private static ImapRequest status(String tag, ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        String mailbox = reader.mailbox();
        reader.sp();
        List<StatusItem> items = statusItems(reader);
        reader.end();
        return new ImapRequest.Status(tag, mailbox, items);
    }

    /** {@code "(" status-att *(SP status-att) ")"}: of STATUS, and of LIST RETURN (STATUS ...) (RFC 5819). */
    static List<StatusItem> statusItems(ImapReader reader) throws ImapSyntaxException {
        List<StatusItem> items = new ArrayList<>();
        for (String item : reader.atomList()) {
            try {
                items.add(StatusItem.valueOf(item.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown STATUS item " + item);
            }
        }
        if (items.isEmpty()) {
            throw new ImapSyntaxException("STATUS needs at least one item");
        }
        return items;
    }

    /** {@code ENABLE 1*(SP capability)} (RFC 5161). */
    private static ImapRequest enable(String tag, ImapReader reader) throws ImapSyntaxException {
        List<String> capabilities = new ArrayList<>();
        do {
            reader.sp();
            capabilities.add(reader.atom().toUpperCase(Locale.ROOT));
        } while (!reader.atEnd());
        return new ImapRequest.Enable(tag, capabilities);
    }

    /** {@code ID SP ("(" string SP nstring *(SP string SP nstring) ")" / nil)} (RFC 2971). */
    private static ImapRequest id(String tag, ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        Map<String, String> parameters = null;
        if (reader.consume('(')) {
            parameters = new LinkedHashMap<>();
            do {
                String key = new String(reader.string(), StandardCharsets.UTF_8);
                reader.sp();
                byte[] value = reader.nstring();
                parameters.put(key, value == null ? null : new String(value, StandardCharsets.UTF_8));
            } while (reader.more());
            reader.expect(')');
        } else if (!reader.atom().equalsIgnoreCase("NIL")) {
            throw new ImapSyntaxException("Expected a parameter list or NIL");
        }
        reader.end();
        return new ImapRequest.Id(tag, parameters);
    }

    /** {@code SETQUOTA SP quota-root SP "(" [setquota-resource *(SP setquota-resource)] ")"} (RFC 9208). */
    private static ImapRequest setQuota(String tag, ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        String root = reader.astringUtf8();
        reader.sp();
        reader.expect('(');
        if (!reader.consume(')')) {
            do {
                reader.atom();
                reader.sp();
                reader.number();
            } while (reader.more());
            reader.expect(')');
        }
        reader.end();
        return new ImapRequest.SetQuota(tag, root);
    }

    /** Client text echoed in a response, restricted to what cannot break the response line. */
    private static String printable(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "..." : text;
    }
}
