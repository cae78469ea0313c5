package fr.mssante.connector.api.imap;

/**
 * A refusal the engine turns into {@code NO [code] message}. Codes are RFC 5530 / RFC 9051 response
 * codes: {@code NONEXISTENT}, {@code ALREADYEXISTS}, {@code TRYCREATE}, {@code OVERQUOTA},
 * {@code CANNOT}, {@code NOPERM}, {@code LIMIT}, {@code SERVERBUG}...
 */
public class ImapFailure extends RuntimeException {

    private final String code;

    public ImapFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
