package fr.mssante.connector.imap;

import fr.mssante.connector.imap.protocol.ImapCommandText;

/** What {@link ImapFrameDecoder} hands to the session: a complete command, or a refused one. */
sealed interface ImapFrame {

    /** A complete command, literals included; the session owns its spooled literals. */
    record Command(ImapCommandText text) implements ImapFrame {
    }

    /** Why a command was refused before it was complete. */
    enum Rejection {
        /** A line longer than the limit: {@code BAD}. */
        LINE_TOO_LONG,
        /** All lines and literals of one command beyond the limit: {@code BAD}. */
        COMMAND_TOO_LONG,
        /** A literal argument beyond {@code maxLiteral}: {@code BAD [TOOBIG]}. */
        LITERAL_TOO_BIG,
        /** An APPEND message beyond the message size, synchronising: {@code NO [TOOBIG]} (RFC 7889). */
        MESSAGE_TOO_BIG,
        /**
         * The same with a non-synchronising literal, whose octets were read and thrown away:
         * {@code BAD [TOOBIG]} (RFC 7888 section 4).
         */
        MESSAGE_TOO_BIG_NON_SYNCHRONISING,
        /**
         * A NUL octet in a literal that is not a {@code literal8}: {@code BAD} (RFC 3501 section 9:
         * CHAR8 excludes NUL; RFC 3516 section 4.2: only literal8 may carry it).
         */
        NUL_IN_LITERAL
    }

    /** @param tag the command's tag if it could be read, else null */
    record Rejected(String tag, Rejection rejection) implements ImapFrame {
    }
}
