package fr.mssante.ejb.delivery.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Flattens the scanned {@link PartNode} tree into the {@link MimePart} table, numbering parts as
 * RFC 3501 section 6.4.5 does: the parts of a multipart are 1, 2, ...; a message that is not
 * multipart has a single part "1" (its body); the parts of an encapsulated message/rfc822 are
 * numbered under the section of the message/rfc822 part ("2.1", "2.2" or just "2.1" when the
 * encapsulated message is not multipart).
 */
final class PartTableBuilder {

    private final List<MimePart> parts = new ArrayList<>();

    private PartTableBuilder() {
    }

    static List<MimePart> build(PartNode root) {
        PartTableBuilder b = new PartTableBuilder();
        b.messageBody(root, "");
        return List.copyOf(b.parts);
    }

    private void messageBody(PartNode message, String prefix) {
        if (message.isMultipart()) {
            int i = 1;
            for (PartNode child : message.children) {
                part(child, join(prefix, Integer.toString(i++)));
            }
        } else {
            part(message, join(prefix, "1"));
        }
    }

    private void part(PartNode node, String section) {
        PartNode inner = node.encapsulated();
        ContentInfo ci = node.content;
        parts.add(new MimePart(section, ci.mimeType(), ci.charset(), ci.effectiveEncoding(),
                ci.dispositionType(), fileName(ci), HeaderText.clean(HeaderText.toUnicode(ci.id())),
                node.headerStart, node.bodyStart, node.end, node.bodyLines(),
                inner == null ? -1 : inner.bodyStart));
        if (node.isMultipart()) {
            int i = 1;
            for (PartNode child : node.children) {
                part(child, section + "." + i++);
            }
        } else if (inner != null) {
            messageBody(inner, section);
        }
    }

    private static String join(String prefix, String n) {
        return prefix.isEmpty() ? n : prefix + "." + n;
    }

    /**
     * File name from Content-Disposition filename (RFC 2183) or the older Content-Type name
     * parameter, RFC 2231 extended form first, RFC 2047 encoded words tolerated.
     */
    static String fileName(ContentInfo ci) {
        String v = MimeParams.get(ci.dispositionParams(), "filename*");
        String name = v != null ? HeaderText.decodeRfc2231(v) : null;
        if (name == null || name.isEmpty()) {
            v = MimeParams.get(ci.dispositionParams(), "filename");
            name = v != null ? HeaderText.decode(v) : null;
        }
        if (name == null || name.isEmpty()) {
            v = MimeParams.get(ci.params(), "name*");
            name = v != null ? HeaderText.decodeRfc2231(v) : null;
        }
        if (name == null || name.isEmpty()) {
            v = MimeParams.get(ci.params(), "name");
            name = v != null ? HeaderText.decode(v) : null;
        }
        return name == null || name.isEmpty() ? null : name;
    }

    /**
     * Whether the message has attachments: a non-multipart part that is declared
     * {@code attachment} (RFC 2183), or carries a file name, or is a message/rfc822 inside a
     * multipart (a forwarded message). Images embedded in an HTML body (a part of
     * multipart/related, RFC 2387, with a Content-ID and no explicit attachment disposition) do
     * not count.
     */
    static boolean hasAttachments(PartNode node) {
        if (node.isMultipart()) {
            for (PartNode child : node.children) {
                if (hasAttachments(child)) {
                    return true;
                }
            }
            return false;
        }
        ContentInfo ci = node.content;
        boolean insideMultipart = node.insideMultipart();
        String disposition = ci.dispositionType();
        if ("attachment".equals(disposition)) {
            return true;
        }
        if (ci.isMessage()) {
            if (insideMultipart) {
                return true;
            }
            PartNode inner = node.encapsulated();
            return inner != null && hasAttachments(inner);
        }
        if (fileName(ci) == null) {
            return false;
        }
        boolean embedded = insideMultipart && node.parent.content.isMultipartSubtype("related") && ci.id() != null;
        return !embedded;
    }
}
