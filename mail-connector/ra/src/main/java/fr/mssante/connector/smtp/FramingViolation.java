package fr.mssante.connector.smtp;

/** Why the frame decoder refused a command line or a message. */
enum FramingViolation {
    /** A line longer than the configured limit (command or data line). */
    LINE_TOO_LONG,
    /** A CR not followed by LF (RFC 5321 section 2.3.8: lines end with CRLF only). */
    BARE_CR,
    /** An LF not preceded by CR. */
    BARE_LF,
    /** The message grew past the maximum size (DATA only). */
    MESSAGE_TOO_LARGE,
    /**
     * A command line that is not UTF-8 (commands only): RFC 6531 section 3.3 extends the envelope to UTF-8,
     * nothing else; a malformed sequence is never turned into U+FFFD and passed on as part of an address.
     */
    MALFORMED_UTF8
}
