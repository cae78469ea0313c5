package fr.mssante.connector.api.imap;

import java.util.List;

/** STORE FLAGS / +FLAGS / -FLAGS (RFC 3501 6.4.6). */
public record FlagUpdate(Mode mode, List<String> flags) {

    /** How the given flags combine with the current ones. */
    public enum Mode { REPLACE, ADD, REMOVE }

    public FlagUpdate {
        flags = List.copyOf(flags);
    }
}
