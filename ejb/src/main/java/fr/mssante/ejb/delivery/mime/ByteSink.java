package fr.mssante.ejb.delivery.mime;

/**
 * Push-style consumer of the body octets of one part: the scanner reads the message once and pushes
 * each body line to the part's sink (see {@link PartTextDecoder}) instead of re-reading the part later.
 */
interface ByteSink {

    void write(byte[] b, int off, int len);

    /** End of the part. */
    void close();
}
