package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.mail.DateHeaderParser;
import fr.mssante.connector.api.mail.MessageIds;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded header values a mailbox listing shows (subject, sender, date) and the message
 * identifiers used for threading (RFC 5322 section 3.6.4), taken from a message header.
 */
record ListingFields(
        String subject,
        String from,
        OffsetDateTime sentDate,
        String messageId,
        String inReplyTo,
        List<String> references) {

    static ListingFields of(HeaderFields h) {
        return new ListingFields(
                HeaderText.decode(h.text("subject")),
                displayAddresses(h.text("from")),
                DateHeaderParser.parse(HeaderText.toUnicode(h.text("date"))),
                firstMessageId(h.text("message-id")),
                firstMessageId(h.text("in-reply-to")),
                messageIds(h.text("references")));
    }

    /**
     * "Display Name &lt;local@domain&gt;, other@domain": names decoded (RFC 2047), group
     * syntax flattened. Falls back to the decoded raw value when the field does not parse.
     */
    static String displayAddresses(String octets) {
        if (octets == null) {
            return null;
        }
        List<String> shown = new ArrayList<>();
        for (AddressParser.Address a : AddressParser.parse(octets)) {
            if (a.isGroupStart() || a.isGroupEnd()) {
                continue;
            }
            if (AddressParser.MISSING_MAILBOX.equals(a.mailbox()) || AddressParser.SYNTAX_ERROR.equals(a.host())) {
                return HeaderText.decode(octets);
            }
            String addr = HeaderText.toUnicode(a.mailbox())
                    + (AddressParser.MISSING_DOMAIN.equals(a.host()) ? "" : "@" + HeaderText.toUnicode(a.host()));
            String name = HeaderText.decode(a.name());
            shown.add(name == null || name.isEmpty() ? addr : name + " <" + addr + ">");
        }
        String joined = String.join(", ", shown);
        return joined.isEmpty() ? HeaderText.decode(octets) : HeaderText.clean(joined);
    }

    /** First "&lt;...&gt;" token (RFC 5322 msg-id), else the trimmed value; null if empty. */
    static String firstMessageId(String octets) {
        if (octets == null) {
            return null;
        }
        List<String> ids = messageIds(octets);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String v = HeaderText.clean(HeaderText.toUnicode(octets));
        return v.isEmpty() ? null : v;
    }

    /** All msg-ids in order (References, RFC 5322 section 3.6.4), read by the one msg-id reader. */
    static List<String> messageIds(String octets) {
        if (octets == null) {
            return List.of();
        }
        return MessageIds.of(HeaderText.toUnicode(octets)).stream().map(HeaderText::clean).toList();
    }
}
