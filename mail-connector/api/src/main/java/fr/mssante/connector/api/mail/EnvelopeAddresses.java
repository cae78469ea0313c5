package fr.mssante.connector.api.mail;

/**
 * The placeholders an IMAP ENVELOPE address carries where the header had no usable part (the values
 * Dovecot's message-address.c writes, so clients see what they would see there). Delivery writes them;
 * SORT reads past them: a placeholder is no addr-mailbox, its sort key is empty (RFC 5256 section 3).
 */
public final class EnvelopeAddresses {

    public static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    public static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    public static final String SYNTAX_ERROR = "SYNTAX_ERROR";
    public static final String INVALID_ROUTE = "INVALID_ROUTE";

    private EnvelopeAddresses() {
    }
}
