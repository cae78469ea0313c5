package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.connector.api.mail.BaseSubject;
import fr.mssante.connector.api.mail.EnvelopeAddresses;

import java.util.List;

/**
 * The SORT and THREAD keys of RFC 5256 from a message header, computed once when the message is parsed and
 * stored as typed columns (ADR 0033), from the same header values as the ENVELOPE and the listings: one
 * address parser ({@link AddressParser}), one RFC 2047 decoder ({@link HeaderText}), one base subject
 * algorithm ({@link BaseSubject}), one Date parser and one msg-id reader (via {@link ListingFields}).
 */
final class SortKeyFields {

    private SortKeyFields() {
    }

    static SortKeys of(HeaderFields header, ListingFields listing) {
        String subject = listing.subject(); // RFC 5256 section 2.1 step (1): decoded by HeaderText
        List<String> references = listing.references();
        if (references.isEmpty()) {
            // RFC 5256 section 3 step 1.A: without References, the first msg-id of In-Reply-To.
            references = ListingFields.messageIds(header.text("in-reply-to")).stream().limit(1).toList();
        }
        return new SortKeys(listing.sentDate(), BaseSubject.of(subject), BaseSubject.isReplyOrForward(subject),
                firstMailbox(header.unfolded("from")), firstMailbox(header.unfolded("to")),
                firstMailbox(header.unfolded("cc")), listing.messageId(), references);
    }

    /**
     * The addr-mailbox of the first address (RFC 5256 section 3: "the first address ... of the field"):
     * group markers are not addresses, a group's first member is; "" when the field has no address or the
     * first one has no mailbox part (the placeholder the ENVELOPE carries, {@link EnvelopeAddresses}).
     */
    private static String firstMailbox(String octets) {
        for (AddressParser.Address address : AddressParser.parse(octets)) {
            if (address.isGroupStart() || address.isGroupEnd()) {
                continue;
            }
            String mailbox = address.mailbox();
            return mailbox == null || EnvelopeAddresses.MISSING_MAILBOX.equals(mailbox)
                    ? "" : HeaderText.clean(HeaderText.toUnicode(mailbox));
        }
        return "";
    }
}
