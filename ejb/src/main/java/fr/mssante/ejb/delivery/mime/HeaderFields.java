package fr.mssante.ejb.delivery.mime;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The few raw header fields of one MIME entity that the parser needs, kept as octet strings.
 *
 * <p>Values are stored as "octet strings": one Java {@code char} per raw byte (ISO-8859-1
 * mapping), exactly as they appear after the colon, folding included. Nothing is decoded here
 * because the IMAP ENVELOPE and BODYSTRUCTURE must repeat the original header text (RFC 3501
 * section 7.4.2: "the fields of the envelope structure are ... [RFC-2822] header fields", encoded
 * words stay encoded), and because 8-bit header bytes (RFC 6532, or plain broken mailers) must
 * reach the client byte for byte in an IMAP literal.
 *
 * <p>Only the first occurrence of a field is kept (RFC 5322 section 3.6 allows these fields at
 * most once; the first one is what most clients show). Every other field, e.g. MSSanté
 * {@code X-MSS-*}, is only counted as bytes and stays untouched in the stored raw message.
 * A value is capped at {@link #MAX_VALUE_OCTETS} so that a hostile header cannot exhaust memory.
 */
final class HeaderFields {

    static final int MAX_VALUE_OCTETS = 64 * 1024;

    /** Content-* and MIME-Version: needed for every entity (RFC 2045 section 3). */
    static final Set<String> MIME_FIELDS = Set.of(
            "content-type", "content-transfer-encoding", "content-id", "content-description",
            "content-disposition", "content-language", "content-location", "content-md5",
            "mime-version");

    /** RFC 3501 section 7.4.2 envelope fields plus References, needed for messages only. */
    static final Set<String> MESSAGE_FIELDS = Set.of(
            "date", "subject", "from", "sender", "reply-to", "to", "cc", "bcc",
            "in-reply-to", "message-id", "references");

    private final boolean messageHeader;
    private final Map<String, StringBuilder> values = new LinkedHashMap<>();
    private StringBuilder current;

    /**
     * @param messageHeader true for a message header (top level or message/rfc822 body), whose
     *                      envelope fields are kept too; false for a plain MIME part header
     */
    HeaderFields(boolean messageHeader) {
        this.messageHeader = messageHeader;
    }

    /** Starts a new field; {@code name} is the raw field name (case-insensitive). */
    void startField(String name, byte[] b, int off, int len) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        boolean wanted = MIME_FIELDS.contains(key) || (messageHeader && MESSAGE_FIELDS.contains(key));
        if (wanted && !values.containsKey(key)) {
            current = new StringBuilder();
            values.put(key, current);
            append(b, off, len);
        } else {
            current = null;
        }
    }

    /** Continuation bytes of the field being read (a folded line or the rest of a long line). */
    void append(byte[] b, int off, int len) {
        if (current == null) {
            return;
        }
        int room = MAX_VALUE_OCTETS - current.length();
        int n = Math.min(room, len);
        for (int i = 0; i < n; i++) {
            current.append((char) (b[off + i] & 0xff));
        }
    }

    /** Ends the field being read (the header block continues or ends). */
    void endField() {
        current = null;
    }

    boolean has(String lowerName) {
        return values.containsKey(lowerName);
    }

    /**
     * The value of a field as the IMAP server must show it: leading white space skipped, line
     * breaks of folding removed (RFC 5322 section 2.2.3 unfolding, what Dovecot's
     * {@code imap_append_nstring_nolf} does) and NUL octets replaced by 0x80 (NUL is not allowed in
     * an IMAP string and 0x80 keeps the octet count, as Dovecot does).
     *
     * @return null when the field is absent
     */
    String unfolded(String lowerName) {
        StringBuilder raw = values.get(lowerName);
        return raw == null ? null : unfold(raw, true);
    }

    /**
     * The value unfolded, NUL octets kept, for decoding into display text (see
     * {@link HeaderText}, which turns control characters into spaces).
     */
    String text(String lowerName) {
        StringBuilder raw = values.get(lowerName);
        return raw == null ? null : unfold(raw, false);
    }

    /**
     * Unfolds a raw value: CR and LF removed, leading white space skipped; with {@code imap},
     * NUL becomes 0x80.
     */
    static String unfold(CharSequence raw, boolean imap) {
        StringBuilder sb = new StringBuilder(raw.length());
        boolean leading = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (leading && (c == ' ' || c == '\t')) {
                continue;
            }
            leading = false;
            sb.append(c == 0 && imap ? (char) 0x80 : c);
        }
        return sb.toString();
    }
}
