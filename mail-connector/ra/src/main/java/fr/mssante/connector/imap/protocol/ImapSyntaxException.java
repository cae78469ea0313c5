package fr.mssante.connector.imap.protocol;

/** A command that does not follow the RFC 3501 section 9 grammar: answered {@code BAD <message>}. */
public class ImapSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
