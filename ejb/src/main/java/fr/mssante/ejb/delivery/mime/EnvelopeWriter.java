package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.ImapStrings;

import java.util.List;

/**
 * Builds the IMAP ENVELOPE (RFC 3501 section 7.4.2; RFC 9051 section 7.5.2) of a message
 * header: {@code (date subject from sender reply-to to cc bcc in-reply-to message-id)}.
 *
 * <p>As the RFC and Dovecot do: header values are the original text, unfolded, encoded words
 * left encoded; absent fields are NIL; sender and reply-to default to from when absent or empty
 * ("the server MUST default", RFC 3501 section 7.4.2); address lists use the
 * {@code (name adl mailbox host)} form with group start/end markers (see {@link AddressParser}).
 */
final class EnvelopeWriter {

    static final String EMPTY = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";

    private EnvelopeWriter() {
    }

    static String write(HeaderFields h) {
        if (h == null) {
            return EMPTY;
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append('(');
        ImapStrings.appendNStringNoLf(sb, h.unfolded("date"));
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, h.unfolded("subject"));

        List<AddressParser.Address> from = AddressParser.parse(h.unfolded("from"));
        List<AddressParser.Address> sender = AddressParser.parse(h.unfolded("sender"));
        List<AddressParser.Address> replyTo = AddressParser.parse(h.unfolded("reply-to"));
        sb.append(' ');
        appendAddresses(sb, from);
        sb.append(' ');
        appendAddresses(sb, sender.isEmpty() ? from : sender);
        sb.append(' ');
        appendAddresses(sb, replyTo.isEmpty() ? from : replyTo);
        sb.append(' ');
        appendAddresses(sb, AddressParser.parse(h.unfolded("to")));
        sb.append(' ');
        appendAddresses(sb, AddressParser.parse(h.unfolded("cc")));
        sb.append(' ');
        appendAddresses(sb, AddressParser.parse(h.unfolded("bcc")));
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, h.unfolded("in-reply-to"));
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, h.unfolded("message-id"));
        sb.append(')');
        return sb.toString();
    }

    private static void appendAddresses(StringBuilder sb, List<AddressParser.Address> list) {
        if (list.isEmpty()) {
            sb.append("NIL");
            return;
        }
        sb.append('(');
        for (AddressParser.Address a : list) {
            sb.append('(');
            ImapStrings.appendNStringNoLf(sb, a.name());
            sb.append(' ');
            ImapStrings.appendNStringNoLf(sb, a.route());
            sb.append(' ');
            ImapStrings.appendNStringNoLf(sb, a.mailbox());
            sb.append(' ');
            ImapStrings.appendNStringNoLf(sb, a.host());
            sb.append(')');
        }
        sb.append(')');
    }
}
