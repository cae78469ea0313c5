package fr.mssante.connector.imap.protocol;

import fr.mssante.connector.server.MessageSpool;

/**
 * The octets of one literal ({@code {n}} / {@code {n+}}, RFC 3501 section 4.3, RFC 7888) as the frame
 * decoder received them: in memory for command arguments, spooled for the message of an APPEND.
 */
public sealed interface Literal {

    long size();

    /** A literal argument, at most {@code maxLiteral} octets. */
    record Bytes(byte[] data) implements Literal {
        @Override
        public long size() {
            return data.length;
        }

        /** The size only: a literal may be a password or health data. */
        @Override
        public String toString() {
            return "{" + data.length + "}";
        }
    }

    /** The message of an APPEND, up to the maximum message size; the session discards the spool. */
    record Spooled(MessageSpool spool, long size) implements Literal {
    }
}
