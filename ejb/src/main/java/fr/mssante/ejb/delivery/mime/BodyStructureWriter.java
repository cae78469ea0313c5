package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.ImapStrings;

import java.util.List;
import java.util.Locale;

/**
 * Builds the IMAP BODYSTRUCTURE (extensible) and BODY (non-extensible) values of a scanned
 * message, RFC 3501 section 7.4.2 and formal syntax {@code body} in section 9.
 *
 * <ul>
 * <li>Single part: type, subtype, parameters, id, description, encoding, size in octets of the
 *     encoded body; text/* adds its line count; message/rfc822 adds the encapsulated message's
 *     envelope, body structure and line count. Extension data: MD5, disposition, language,
 *     location.</li>
 * <li>Multipart: the parts, each in parentheses, then the subtype; extension data: parameters,
 *     disposition, language, location.</li>
 * </ul>
 * Output follows Dovecot byte for byte (see its test-imap-bodystructure.c): type and parameter
 * spelling kept as sent, text parts without charset get {@code ("charset" "us-ascii")}
 * (RFC 2045 section 5.2 default), an absent or invalid encoding is {@code "7bit"}, a multipart
 * that turned out to have no parts gets one empty text/plain part (the grammar requires at least
 * one), message/rfc822 is always written {@code "message" "rfc822"}.
 */
final class BodyStructureWriter {

    private static final String EMPTY_BODY =
            "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)";
    private static final String EMPTY_BODYSTRUCTURE =
            "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)";

    private final boolean extended;
    private final StringBuilder sb = new StringBuilder(512);

    private BodyStructureWriter(boolean extended) {
        this.extended = extended;
    }

    /** BODYSTRUCTURE of the message, with its outer parentheses. */
    static String bodyStructure(PartNode root) {
        return new BodyStructureWriter(true).write(root);
    }

    /** BODY (non-extensible form) of the message, with its outer parentheses. */
    static String body(PartNode root) {
        return new BodyStructureWriter(false).write(root);
    }

    private String write(PartNode root) {
        sb.append('(');
        part(root);
        sb.append(')');
        return sb.toString();
    }

    private void part(PartNode node) {
        if (node.isMultipart()) {
            multipart(node);
        } else {
            single(node);
        }
    }

    private void multipart(PartNode node) {
        ContentInfo ci = node.content;
        if (node.children.isEmpty()) {
            sb.append(extended ? EMPTY_BODYSTRUCTURE : EMPTY_BODY);
        }
        for (PartNode child : node.children) {
            sb.append('(');
            part(child);
            sb.append(')');
        }
        sb.append(' ');
        ImapStrings.appendString(sb, ci.subtype());
        if (extended) {
            sb.append(' ');
            params(ci.params(), false);
            common(ci);
        }
    }

    private void single(PartNode node) {
        ContentInfo ci = node.content;
        boolean message = ci.isMessage();
        boolean text = !message && ci.isText();
        if (message) {
            sb.append("\"message\" ");
            ImapStrings.appendString(sb, ci.subtype().toLowerCase(Locale.ROOT));
        } else {
            ImapStrings.appendString(sb, ci.type());
            sb.append(' ');
            ImapStrings.appendString(sb, ci.subtype());
        }
        sb.append(' ');
        params(ci.params(), text);
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, ci.id());
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, ci.description());
        sb.append(' ');
        if (ci.transferEncoding() == null) {
            sb.append("\"7bit\"");
        } else {
            ImapStrings.appendString(sb, ci.transferEncoding());
        }
        sb.append(' ').append(node.bodySize());
        if (text) {
            sb.append(' ').append(node.bodyLines());
        } else if (message) {
            PartNode inner = node.encapsulated();
            sb.append(' ').append(inner == null ? EnvelopeWriter.EMPTY : EnvelopeWriter.write(inner.headers));
            sb.append(' ');
            if (inner == null) {
                sb.append(extended ? EMPTY_BODYSTRUCTURE : EMPTY_BODY);
            } else {
                sb.append('(');
                part(inner);
                sb.append(')');
            }
            sb.append(' ').append(node.bodyLines());
        }
        if (extended) {
            sb.append(' ');
            ImapStrings.appendNStringNoLf(sb, ci.md5());
            common(ci);
        }
    }

    /** body-fld-dsp, body-fld-lang, body-fld-loc. */
    private void common(ContentInfo ci) {
        sb.append(' ');
        if (ci.disposition() == null) {
            sb.append("NIL");
        } else {
            sb.append('(');
            ImapStrings.appendString(sb, ci.disposition());
            sb.append(' ');
            params(ci.dispositionParams(), false);
            sb.append(')');
        }
        sb.append(' ');
        List<String> langs = ci.languages();
        if (langs == null || langs.isEmpty()) {
            sb.append("NIL");
        } else {
            sb.append('(');
            for (int i = 0; i < langs.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                ImapStrings.appendString(sb, langs.get(i));
            }
            sb.append(')');
        }
        sb.append(' ');
        ImapStrings.appendNStringNoLf(sb, ci.location());
    }

    /** body-fld-param; text parts always carry a charset (RFC 2045 section 5.2 default). */
    private void params(List<MimeParams.Param> params, boolean defaultCharset) {
        boolean hasCharset = MimeParams.get(params, "charset") != null;
        if (params.isEmpty() && !defaultCharset) {
            sb.append("NIL");
            return;
        }
        sb.append('(');
        boolean first = true;
        for (MimeParams.Param p : params) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            ImapStrings.appendString(sb, p.name());
            sb.append(' ');
            ImapStrings.appendString(sb, p.value());
        }
        if (defaultCharset && !hasCharset) {
            if (!first) {
                sb.append(' ');
            }
            sb.append("\"charset\" \"us-ascii\"");
        }
        sb.append(')');
    }
}
