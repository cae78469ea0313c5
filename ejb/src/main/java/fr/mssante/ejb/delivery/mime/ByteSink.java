package fr.mssante.ejb.delivery.mime;

/**
 * Push-style consumer of body octets. The scanner reads the message once and pushes each body
 * line through a chain of sinks (transfer decoding, charset decoding, HTML stripping) instead of
 * re-reading the part later, so the message is never held in memory.
 */
interface ByteSink {

    void write(byte[] b, int off, int len);

    /** End of the part: flush any buffered state downstream. */
    void close();
}
