package fr.mssante.ejb.delivery.mime;

import org.jsoup.Jsoup;

/**
 * The text of a text/html part for SEARCH BODY/TEXT (RFC 3501 6.4.4), by jsoup, an HTML5 parser: character
 * references (all of them, not a list), comments, script and style, and broken markup are handled as a
 * browser would, where a hand-written state machine guessed. Block boundaries become spaces, which a
 * substring search does not mind.
 *
 * <p>The parser needs the whole document, so the part is buffered, up to {@link #MAX_HTML_CHARS}: what is
 * beyond is dropped, so a huge HTML part costs bounded memory (the search text keeps far less anyway).
 */
final class HtmlText implements CharSink {

    /** 2 Mi chars (4 MiB) of markup per part. */
    static final int MAX_HTML_CHARS = 2 * 1024 * 1024;

    private final CharSink next;
    private final StringBuilder html = new StringBuilder();

    HtmlText(CharSink next) {
        this.next = next;
    }

    @Override
    public void write(char[] c, int off, int len) {
        html.append(c, off, Math.min(len, MAX_HTML_CHARS - html.length()));
    }

    @Override
    public void close() {
        char[] text = Jsoup.parse(html.toString()).text().toCharArray();
        next.write(text, 0, text.length);
        next.close();
    }
}
