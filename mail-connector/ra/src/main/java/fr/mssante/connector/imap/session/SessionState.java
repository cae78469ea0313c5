package fr.mssante.connector.imap.session;

import java.util.EnumSet;
import java.util.Set;

/** The states of RFC 3501 section 3. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT;

    static final Set<SessionState> ANY = EnumSet.of(NOT_AUTHENTICATED, AUTHENTICATED, SELECTED);
    static final Set<SessionState> UNAUTHENTICATED = EnumSet.of(NOT_AUTHENTICATED);
    static final Set<SessionState> AUTHENTICATED_OR_SELECTED = EnumSet.of(AUTHENTICATED, SELECTED);
    static final Set<SessionState> AUTHENTICATED_ONLY = EnumSet.of(AUTHENTICATED);
    static final Set<SessionState> SELECTED_ONLY = EnumSet.of(SELECTED);
}
