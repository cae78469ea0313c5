package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.mail.HeaderComments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Content-* header fields of one MIME entity, parsed the way the IMAP BODYSTRUCTURE needs
 * them (RFC 3501 section 7.4.2, body-fields and body-ext-1part): strings keep the sender's
 * spelling (case, encoded words) and are octet strings; only decisions (is it text, multipart,
 * an encapsulated message, which boundary) are made case-insensitively.
 *
 * <p>Defaults and degradation:
 * <ul>
 * <li>No Content-Type, or an entity that is not MIME at all: {@code text/plain; charset=us-ascii}
 *     (RFC 2045 section 5.2), or {@code message/rfc822} directly inside a multipart/digest
 *     (RFC 2046 section 5.1.5).</li>
 * <li>A Content-Type that is not {@code token "/" token}: treated as absent, as RFC 2045
 *     section 5.2 recommends for a syntactically invalid field.</li>
 * <li>{@code multipart/*} without a usable boundary parameter: there is no way to find the
 *     parts, so the body is one text/plain part (what a reader would best see).</li>
 * <li>A Content-Transfer-Encoding that is not a single token: treated as absent, i.e. 7bit,
 *     like Dovecot does.</li>
 * </ul>
 * An entity is MIME (its Content-* fields count) when it sits inside a multipart, or its header
 * has MIME-Version or Content-Type (Dovecot's non-strict rule; RFC 2045 section 4 would require
 * MIME-Version but many mailers omit it).
 */
record ContentInfo(
        String type,
        String subtype,
        List<MimeParams.Param> params,
        String id,
        String description,
        String transferEncoding,
        String md5,
        String disposition,
        List<MimeParams.Param> dispositionParams,
        List<String> languages,
        String location) {

    /** RFC 2046 section 5.1.1 allows 70 characters; anything much longer is junk. */
    static final int MAX_BOUNDARY_LENGTH = 200;

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /**
     * @param headers      the entity's retained header fields
     * @param insideMultipart the entity is a body part of a multipart (always MIME)
     * @param digestChild  the entity is a body part of a multipart/digest
     */
    static ContentInfo parse(HeaderFields headers, boolean insideMultipart, boolean digestChild) {
        boolean mime = insideMultipart || headers.has("mime-version") || headers.has("content-type");
        String defType = digestChild ? "message" : "text";
        String defSubtype = digestChild ? "rfc822" : "plain";
        if (!mime) {
            return new ContentInfo(defType, defSubtype, List.of(), null, null, null, null,
                    null, List.of(), null, null);
        }

        String type = defType;
        String subtype = defSubtype;
        List<MimeParams.Param> params = List.of();
        String ct = headers.unfolded("content-type");
        if (ct != null) {
            MimeParams.Parsed parsed = MimeParams.parse(ct);
            String[] ts = splitType(parsed.value());
            if (ts != null) {
                type = ts[0];
                subtype = ts[1];
                params = parsed.params();
                if (type.equalsIgnoreCase("multipart") && !usableBoundary(MimeParams.get(params, "boundary"))) {
                    type = "text";
                    subtype = "plain";
                    params = List.of();
                }
            }
        }

        String disposition = null;
        List<MimeParams.Param> dispositionParams = List.of();
        String cd = headers.unfolded("content-disposition");
        if (cd != null) {
            MimeParams.Parsed parsed = MimeParams.parse(cd);
            if (isToken(parsed.value())) {
                disposition = parsed.value();
                dispositionParams = parsed.params();
            }
        }

        return new ContentInfo(type, subtype, params,
                headers.unfolded("content-id"),
                headers.unfolded("content-description"),
                parseEncoding(headers.unfolded("content-transfer-encoding")),
                headers.unfolded("content-md5"),
                disposition, dispositionParams,
                parseLanguages(headers.unfolded("content-language")),
                headers.unfolded("content-location"));
    }

    /** Lower-case "type/subtype". */
    String mimeType() {
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    boolean isText() {
        return type.equalsIgnoreCase("text");
    }

    boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    /**
     * An encapsulated message whose body is itself parsed: message/rfc822 (RFC 2046 section
     * 5.2.1) and message/global (RFC 6532 section 3.5; IMAP4rev2, RFC 9051, lists it next to
     * message/rfc822 as body-type-msg).
     */
    boolean isMessage() {
        return type.equalsIgnoreCase("message")
                && (subtype.equalsIgnoreCase("rfc822") || subtype.equalsIgnoreCase("global"));
    }

    boolean isMultipartSubtype(String sub) {
        return isMultipart() && subtype.equalsIgnoreCase(sub);
    }

    String boundary() {
        return isMultipart() ? MimeParams.get(params, "boundary") : null;
    }

    /** Declared charset, lower case, or null. */
    String charset() {
        String cs = MimeParams.get(params, "charset");
        return cs == null || cs.isBlank() ? null : cs.trim().toLowerCase(Locale.ROOT);
    }

    /** Lower-case transfer encoding, "7bit" when absent (RFC 2045 section 6.1). */
    String effectiveEncoding() {
        return transferEncoding == null ? "7bit" : transferEncoding.toLowerCase(Locale.ROOT);
    }

    /** Lower-case disposition type, or null. */
    String dispositionType() {
        return disposition == null ? null : disposition.toLowerCase(Locale.ROOT);
    }

    private static boolean usableBoundary(String b) {
        return b != null && !b.isEmpty() && b.length() <= MAX_BOUNDARY_LENGTH;
    }

    /** Splits "type/subtype" (comments and blanks around the slash tolerated), or null. */
    private static String[] splitType(String value) {
        String v = HeaderComments.strip(value);
        int slash = v.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String t = v.substring(0, slash).trim();
        String s = v.substring(slash + 1).trim();
        return isToken(t) && isToken(s) ? new String[] {t, s} : null;
    }

    /** RFC 2045 section 5.1 token: 1*(CHAR except SPACE, CTLs, tspecials). */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** mechanism = token, nothing but comments after it; else null (Dovecot: "7bit"). */
    private static String parseEncoding(String value) {
        if (value == null) {
            return null;
        }
        String v = HeaderComments.strip(value).trim();
        return isToken(v) ? v : null;
    }

    /** RFC 3282: Content-Language = 1#Language-tag; parsed as comma separated atoms like Dovecot. */
    private static List<String> parseLanguages(String value) {
        if (value == null) {
            return null;
        }
        Rfc822Lexer lex = new Rfc822Lexer(value);
        List<String> langs = new ArrayList<>();
        lex.skipCfws();
        while (true) {
            StringBuilder sb = new StringBuilder();
            if (lex.atom(sb) < 0) {
                break;
            }
            langs.add(sb.toString());
            if (lex.peek() != ',') {
                break;
            }
            lex.skip();
            lex.skipCfws();
        }
        return langs.isEmpty() ? null : List.copyOf(langs);
    }
}
