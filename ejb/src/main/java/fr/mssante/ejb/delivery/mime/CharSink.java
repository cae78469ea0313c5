package fr.mssante.ejb.delivery.mime;

/** Push-style consumer of decoded text, the char counterpart of {@link ByteSink}. */
interface CharSink {

    void write(char[] c, int off, int len);

    /** End of the part: flush any buffered state downstream. */
    void close();
}
