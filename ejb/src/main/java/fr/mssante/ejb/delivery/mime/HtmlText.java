package fr.mssante.ejb.delivery.mime;

import org.jsoup.Jsoup;

/**
 * The text of a text/html part for SEARCH BODY/TEXT (RFC 3501 6.4.4), by jsoup, an HTML5 parser: character
 * references (all of them, not a list), comments, script and style, and broken markup are handled as a
 * browser would, where a hand-written state machine guessed. Block boundaries become spaces, which a
 * substring search does not mind.
 *
 * <p>The parser needs the whole document; at most {@link #MAX_HTML_CHARS} of it are parsed, what is beyond
 * is dropped, so a huge HTML part costs bounded work (the search text keeps far less anyway).
 */
final class HtmlText {

    /** 2 Mi chars (4 MiB) of markup per part. */
    static final int MAX_HTML_CHARS = 2 * 1024 * 1024;

    private HtmlText() {
    }

    static String text(String html) {
        return Jsoup.parse(html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html).text();
    }
}
