package fr.mssante.ejb.delivery.mime;

/**
 * Decides which parts feed the search text; each one is decoded by a {@link PartTextDecoder}
 * (transfer decoding, charset, HTML to text) into the {@link SearchTextBuffer}.
 *
 * <p>Every text/* leaf contributes (attachments included, as IMAP SEARCH BODY covers the whole
 * body), except a text/html alternative whose text/plain sibling was already taken: in a
 * multipart/alternative (RFC 2046 section 5.1.4) both carry the same text, and the cap is better
 * spent on other parts.
 */
final class SearchTextExtractor implements MimeScanner.TextSinkFactory {

    private final SearchTextBuffer buffer;

    SearchTextExtractor(SearchTextBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public ByteSink create(PartNode leaf) {
        ContentInfo ci = leaf.content;
        if (!ci.isText() || buffer.isFull()) {
            return null;
        }
        boolean html = ci.subtype().equalsIgnoreCase("html");
        if (html && plainAlternativeTaken(leaf)) {
            return null;
        }
        leaf.contributedText = true;
        buffer.startPart();
        return new PartTextDecoder(ci.effectiveEncoding(), MimeCharsets.forText(ci.charset()), html, buffer);
    }

    private static boolean plainAlternativeTaken(PartNode leaf) {
        PartNode parent = leaf.parent;
        if (parent == null || !parent.isMultipart() || !parent.content.isMultipartSubtype("alternative")) {
            return false;
        }
        for (PartNode sibling : parent.children) {
            if (sibling != leaf && sibling.contributedText && sibling.content != null
                    && sibling.content.mimeType().equals("text/plain")) {
                return true;
            }
        }
        return false;
    }
}
