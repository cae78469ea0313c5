package fr.mssante.connector.imap.protocol;

/**
 * A mailbox name or LIST pattern that follows the grammar (an astring, a list-mailbox) but names no
 * possible mailbox: not valid modified UTF-7 (RFC 3501 section 5.1.3). The command is well-formed, so
 * the answer is {@code NO}, not {@code BAD}: a client that tries such a name gets a refusal it can show,
 * and the session's count of consecutive BADs does not end a connection over names.
 */
public final class InvalidMailboxNameException extends ImapSyntaxException {

    private static final long serialVersionUID = 1L;

    public InvalidMailboxNameException(String message) {
        super(message);
    }
}
