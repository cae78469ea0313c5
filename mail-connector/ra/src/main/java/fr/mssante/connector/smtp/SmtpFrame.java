package fr.mssante.connector.smtp;

/**
 * What {@link SmtpFrameDecoder} passes up the pipeline, besides the message content itself which
 * travels as plain {@code ByteBuf} chunks between the reply to DATA and {@link EndOfData}, or between a
 * BDAT command and {@link EndOfChunk}.
 */
sealed interface SmtpFrame {

    /** A complete, well-formed command line without its CRLF. */
    record CommandLine(String text) implements SmtpFrame {
    }

    /** A command line that must not be interpreted; the decoder has already skipped it up to its CRLF. */
    record RejectedLine(FramingViolation violation) implements SmtpFrame {
    }

    /**
     * The CRLF.CRLF terminator of DATA was received.
     *
     * @param violation the first reason the message must be refused, or {@code null} if it is acceptable
     */
    record EndOfData(FramingViolation violation) implements SmtpFrame {
    }

    /** The octets announced by a BDAT command have all been passed up (RFC 3030 section 2). */
    record EndOfChunk() implements SmtpFrame {
    }
}
