package fr.mssante.ejb.delivery.mime;

import java.util.Locale;
import java.util.Map;

/**
 * Rough HTML-to-text conversion for the search text of text/html parts: tags and comments are
 * dropped, the content of script and style elements too, block-level tags become line breaks,
 * character references are decoded ({@code &amp;}, {@code &#233;}, {@code &#xE9;} and the named
 * entities common in French mail). It is a streaming state machine, not an HTML parser: good
 * enough for SEARCH BODY, never used for display.
 */
final class HtmlTextStripper implements CharSink {

    private static final Map<String, Character> ENTITIES = Map.ofEntries(
            Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'),
            Map.entry("quot", '"'), Map.entry("apos", '\''), Map.entry("nbsp", ' '),
            Map.entry("eacute", 'é'), Map.entry("egrave", 'è'), Map.entry("ecirc", 'ê'),
            Map.entry("euml", 'ë'), Map.entry("agrave", 'à'), Map.entry("acirc", 'â'),
            Map.entry("ccedil", 'ç'), Map.entry("icirc", 'î'), Map.entry("iuml", 'ï'),
            Map.entry("ocirc", 'ô'), Map.entry("ugrave", 'ù'), Map.entry("ucirc", 'û'),
            Map.entry("uuml", 'ü'), Map.entry("Eacute", 'É'), Map.entry("Egrave", 'È'),
            Map.entry("Agrave", 'À'), Map.entry("Ccedil", 'Ç'), Map.entry("oelig", 'œ'),
            Map.entry("laquo", '«'), Map.entry("raquo", '»'), Map.entry("euro", '€'),
            Map.entry("ndash", '–'), Map.entry("mdash", '—'), Map.entry("rsquo", '’'),
            Map.entry("lsquo", '‘'), Map.entry("hellip", '…'), Map.entry("deg", '°'),
            Map.entry("copy", '©'), Map.entry("reg", '®'));

    private static final java.util.Set<String> BLOCK_TAGS = java.util.Set.of(
            "br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
            "table", "ul", "ol", "blockquote", "pre", "hr", "title");

    private enum State { TEXT, TAG, COMMENT, ENTITY }

    private static final int MAX_TAG_NAME = 16;
    private static final int MAX_ENTITY = 10;

    private final SinkBuffer<char[]> out;
    private State state = State.TEXT;
    private final StringBuilder tagName = new StringBuilder();
    private boolean tagNameDone;
    private boolean closingTag;
    private final StringBuilder entity = new StringBuilder();
    /** Inside script or style: text is skipped until the matching end tag. */
    private String skipUntilEndOf;
    private int commentDashes;
    private boolean lastWasSpace = true;
    /** A collapsed space not yet written: dropped if a line break or the end comes next. */
    private boolean pendingSpace;

    HtmlTextStripper(CharSink next) {
        this.out = SinkBuffer.of(next, 4096);
    }

    @Override
    public void write(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            accept(c[i]);
        }
        out.flush();
    }

    private void accept(char c) {
        switch (state) {
            case TEXT -> text(c);
            case TAG -> tag(c);
            case COMMENT -> comment(c);
            default -> entity(c);
        }
    }

    private void text(char c) {
        if (c == '<') {
            state = State.TAG;
            tagName.setLength(0);
            tagNameDone = false;
            closingTag = false;
        } else if (skipUntilEndOf != null) {
            return;
        } else if (c == '&') {
            state = State.ENTITY;
            entity.setLength(0);
        } else {
            emitText(c);
        }
    }

    private void tag(char c) {
        if (c == '>') {
            endTag();
            return;
        }
        if (c == '<') {
            // the previous '<' was not a tag ("a < b" in a script): start over from here
            tagName.setLength(0);
            tagNameDone = false;
            closingTag = false;
            return;
        }
        if (!tagNameDone) {
            if (tagName.length() == 0 && c == '/' && !closingTag) {
                closingTag = true;
            } else if (Character.isLetterOrDigit(c) || c == '!' || c == '-') {
                tagName.append(c);
                if (tagName.length() == 3 && tagName.toString().equals("!--")) {
                    state = State.COMMENT;
                    commentDashes = 0;
                } else if (tagName.length() > MAX_TAG_NAME) {
                    tagNameDone = true;
                }
            } else {
                tagNameDone = true;
            }
        }
    }

    private void endTag() {
        state = State.TEXT;
        String name = tagName.toString().toLowerCase(Locale.ROOT);
        if (skipUntilEndOf != null) {
            if (closingTag && name.equals(skipUntilEndOf)) {
                skipUntilEndOf = null;
            }
            return;
        }
        if (!closingTag && (name.equals("script") || name.equals("style"))) {
            skipUntilEndOf = name;
        } else if (BLOCK_TAGS.contains(name)) {
            emitBreak();
        } else {
            emitText(' ');
        }
    }

    private void comment(char c) {
        if (c == '>' && commentDashes >= 2) {
            state = State.TEXT;
        }
        commentDashes = c == '-' ? commentDashes + 1 : 0;
    }

    private void entity(char c) {
        if (c == ';' || entity.length() >= MAX_ENTITY || !(Character.isLetterOrDigit(c) || c == '#')) {
            String name = entity.toString();
            Character decoded = decodeEntity(name);
            state = State.TEXT;
            if (decoded != null && c == ';') {
                emitText(decoded);
                return;
            }
            emitText('&');
            for (int i = 0; i < name.length(); i++) {
                emitText(name.charAt(i));
            }
            text(c);
            return;
        }
        entity.append(c);
    }

    private static Character decodeEntity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return cp > 0 && cp < 0xd800 ? (char) cp : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name);
    }

    private void emitText(char c) {
        boolean space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u00a0';
        if (space) {
            if (!lastWasSpace) {
                pendingSpace = true; // HTML collapses white space
            }
            lastWasSpace = true;
            return;
        }
        if (pendingSpace) {
            put(' ');
            pendingSpace = false;
        }
        lastWasSpace = false;
        put(c);
    }

    private void emitBreak() {
        pendingSpace = false;
        put('\n');
        lastWasSpace = true;
    }

    private void put(char c) {
        out.put(c);
    }

    @Override
    public void close() {
        out.close();
    }
}
