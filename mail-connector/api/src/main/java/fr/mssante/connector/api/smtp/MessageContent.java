package fr.mssante.connector.api.smtp;

import java.io.IOException;
import java.io.InputStream;

/**
 * The raw message received after DATA, dot-unstuffed, with CRLF line endings, the terminating
 * {@code CRLF.CRLF} removed. It may live in memory or in a spool file: read it as a stream.
 */
public interface MessageContent {

    /** Size in octets. */
    long size();

    /** A new stream over the whole content each time it is called. */
    InputStream openStream() throws IOException;
}
