package fr.mssante.connector.imap;

import fr.mssante.connector.api.imap.MessagePart;
import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.connector.api.mail.BaseSubject;
import fr.mssante.connector.api.mail.DateHeaderParser;
import fr.mssante.connector.api.mail.MessageIds;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a store computes once per message for IMAP, done here by a deliberately small MIME reader
 * (one level of multipart, message/rfc822 parts, no encodings decoded): the header size, the part table
 * with RFC 3501 section numbers, the ENVELOPE, BODY and BODYSTRUCTURE strings as IMAP octets, and the
 * SORT/THREAD keys (with the API's base subject and msg-id readers, and mime4j for encoded words, as the
 * real store).
 * The real store has a complete MIME parser; this one only has to be right for the test messages.
 */
final class TestMessage {

    final byte[] content;
    final long headerSize;
    final String envelope;
    final String body;
    final String bodyStructure;
    final List<MessagePart> parts = new ArrayList<>();
    /** Lower-case Content-Transfer-Encoding of each leaf part, by section. */
    final Map<String, String> transferEncodings = new LinkedHashMap<>();
    final Map<String, String> headers;
    final SortKeys sortKeys;

    TestMessage(byte[] content) {
        this.content = content;
        Entity root = new Entity(content, 0, content.length, true);
        this.headerSize = root.bodyStart;
        this.headers = root.fields;
        this.envelope = envelope(root.fields);
        this.body = root.structure(false);
        this.bodyStructure = root.structure(true);
        this.sortKeys = sortKeys(root.fields);
        messageBody(root, "");
    }

    /** Header octets (8-bit read as UTF-8) with their RFC 2047 encoded words decoded. */
    static String decoded(String octets) {
        if (octets == null) {
            return null;
        }
        String text = new String(octets.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
    }

    /** RFC 5256: sent date, base subject, first addr-mailboxes, Message-ID and the step 1.A parent ids. */
    private static SortKeys sortKeys(Map<String, String> fields) {
        String subject = decoded(fields.get("subject"));
        List<String> references = MessageIds.of(fields.get("references"));
        if (references.isEmpty()) {
            references = MessageIds.of(fields.get("in-reply-to")).stream().limit(1).toList();
        }
        // As the real store: the first msg-id, or the bare value when the field has no angle brackets.
        String messageIdField = fields.get("message-id");
        List<String> ids = MessageIds.of(messageIdField);
        String messageId = !ids.isEmpty() ? ids.get(0)
                : messageIdField == null || messageIdField.isBlank() ? null : messageIdField.strip();
        return new SortKeys(DateHeaderParser.parse(fields.get("date")), BaseSubject.of(subject),
                BaseSubject.isReplyOrForward(subject), firstMailbox(fields.get("from")),
                firstMailbox(fields.get("to")), firstMailbox(fields.get("cc")), messageId, references);
    }

    /** The local part of the first "Name &lt;local@domain&gt;, local@domain" address, "" for none. */
    private static String firstMailbox(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String text = value.split(",")[0].trim();
        int open = text.indexOf('<');
        String spec = open >= 0 ? text.substring(open + 1, text.indexOf('>', open)) : text;
        return spec.substring(0, Math.max(0, spec.indexOf('@')));
    }

    static TestMessage of(String text) {
        return new TestMessage(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The unfolded value of a top-level field, or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
        return new String(content, (int) headerSize, content.length - (int) headerSize, StandardCharsets.UTF_8);
    }

    private void messageBody(Entity message, String prefix) {
        if (message.children.isEmpty()) {
            part(message, prefix.isEmpty() ? "1" : prefix + ".1");
        } else {
            for (int i = 0; i < message.children.size(); i++) {
                part(message.children.get(i), (prefix.isEmpty() ? "" : prefix + ".") + (i + 1));
            }
        }
    }

    private void part(Entity entity, String section) {
        parts.add(new MessagePart(section, entity.type + "/" + entity.subtype, entity.start, entity.bodyStart,
                entity.end, entity.inner == null ? -1 : entity.inner.bodyStart));
        if (entity.children.isEmpty() && entity.inner == null) {
            transferEncodings.put(section, entity.fields.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT));
        }
        if (!entity.children.isEmpty()) {
            for (int i = 0; i < entity.children.size(); i++) {
                part(entity.children.get(i), section + "." + (i + 1));
            }
        } else if (entity.inner != null) {
            messageBody(entity.inner, section);
        }
    }

    /** RFC 3501 7.4.2 ENVELOPE. */
    static String envelope(Map<String, String> fields) {
        String from = addresses(fields.get("from"));
        String sender = fields.containsKey("sender") ? addresses(fields.get("sender")) : from;
        String replyTo = fields.containsKey("reply-to") ? addresses(fields.get("reply-to")) : from;
        return "(" + nstring(fields.get("date")) + " " + nstring(fields.get("subject")) + " " + from + " " + sender
                + " " + replyTo + " " + addresses(fields.get("to")) + " " + addresses(fields.get("cc")) + " "
                + addresses(fields.get("bcc")) + " " + nstring(fields.get("in-reply-to")) + " "
                + nstring(fields.get("message-id")) + ")";
    }

    /** "Name &lt;local@domain&gt;, local@domain" into ((name NIL local domain) ...). */
    private static String addresses(String value) {
        if (value == null || value.isBlank()) {
            return "NIL";
        }
        StringBuilder out = new StringBuilder("(");
        for (String address : value.split(",")) {
            String text = address.trim();
            String name = null;
            String spec = text;
            int open = text.indexOf('<');
            if (open >= 0) {
                name = text.substring(0, open).trim().replace("\"", "");
                spec = text.substring(open + 1, text.indexOf('>', open));
            }
            int at = spec.indexOf('@');
            out.append('(').append(nstring(name == null || name.isEmpty() ? null : name)).append(" NIL ")
                    .append(nstring(spec.substring(0, at))).append(' ').append(nstring(spec.substring(at + 1))).append(')');
        }
        return out.append(')').toString();
    }

    static String nstring(String value) {
        return value == null ? "NIL" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One MIME entity: header fields, body range, children (multipart) or inner message (message/rfc822). */
    private static final class Entity {
        final int start;
        final int bodyStart;
        final int end;
        final Map<String, String> fields = new LinkedHashMap<>();
        String type = "TEXT";
        String subtype = "PLAIN";
        final Map<String, String> params = new LinkedHashMap<>();
        final List<Entity> children = new ArrayList<>();
        Entity inner;
        final byte[] content;

        Entity(byte[] content, int start, int end, boolean message) {
            this.content = content;
            this.start = start;
            int position = start;
            String field = null;
            while (position < end) {
                int lineEnd = lineEnd(content, position, end);
                String line = new String(content, position, lineEnd - position, StandardCharsets.ISO_8859_1).strip();
                boolean continuation = position < end && (content[position] == ' ' || content[position] == '\t');
                position = lineEnd;
                if (line.isEmpty() && !continuation) {
                    break;
                }
                if (continuation && field != null) {
                    fields.merge(field, " " + line, String::concat);
                } else if (line.indexOf(':') > 0) {
                    field = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    fields.putIfAbsent(field, line.substring(line.indexOf(':') + 1).trim());
                }
            }
            this.bodyStart = position;
            this.end = end;
            contentType(fields.get("content-type"), message);
            if (type.equals("MULTIPART") && params.containsKey("BOUNDARY")) {
                split(params.get("BOUNDARY"));
            } else if (type.equals("MESSAGE") && subtype.equals("RFC822")) {
                inner = new Entity(content, bodyStart, end, true);
            }
        }

        private void contentType(String value, boolean message) {
            if (value == null) {
                params.put("CHARSET", "US-ASCII");
                return;
            }
            String[] items = value.split(";");
            String[] mime = items[0].trim().toUpperCase(Locale.ROOT).split("/");
            type = mime[0];
            subtype = mime.length > 1 ? mime[1] : "";
            for (int i = 1; i < items.length; i++) {
                String[] param = items[i].trim().split("=", 2);
                params.put(param[0].trim().toUpperCase(Locale.ROOT), param[1].trim().replace("\"", ""));
            }
        }

        /** RFC 2046 5.1.1: the CRLF before a delimiter belongs to the delimiter. */
        private void split(String boundary) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int partStart = -1;
            int position = bodyStart;
            while (position < end) {
                int lineEnd = lineEnd(content, position, end);
                if (startsWith(content, position, delimiter)) {
                    if (partStart >= 0) {
                        int partEnd = position >= 2 && content[position - 2] == '\r' ? position - 2 : position - 1;
                        children.add(new Entity(content, partStart, Math.max(partStart, partEnd), false));
                    }
                    if (startsWith(content, position + delimiter.length, "--".getBytes(StandardCharsets.ISO_8859_1))) {
                        return;
                    }
                    partStart = lineEnd;
                }
                position = lineEnd;
            }
        }

        String structure(boolean extended) {
            if (!children.isEmpty()) {
                StringBuilder out = new StringBuilder("(");
                children.forEach(child -> out.append(child.structure(extended)));
                out.append(' ').append(nstring(subtype));
                if (extended) {
                    out.append(' ').append(params()).append(" NIL NIL NIL");
                }
                return out.append(')').toString();
            }
            String encoding = fields.getOrDefault("content-transfer-encoding", "7BIT").toUpperCase(Locale.ROOT);
            StringBuilder out = new StringBuilder("(").append(nstring(type)).append(' ').append(nstring(subtype))
                    .append(' ').append(params()).append(" NIL NIL ").append(nstring(encoding)).append(' ')
                    .append(end - bodyStart);
            if (inner != null) {
                out.append(' ').append(TestMessage.envelope(inner.fields)).append(' ').append(inner.structure(extended))
                        .append(' ').append(lines());
            } else if (type.equals("TEXT")) {
                out.append(' ').append(lines());
            }
            if (extended) {
                out.append(" NIL NIL NIL NIL");
            }
            return out.append(')').toString();
        }

        private String params() {
            Map<String, String> shown = new LinkedHashMap<>(params);
            shown.remove("BOUNDARY");
            if (shown.isEmpty() && !params.containsKey("BOUNDARY")) {
                return "NIL";
            }
            StringBuilder out = new StringBuilder("(");
            (type.equals("MULTIPART") ? params : shown).forEach((key, value) ->
                    out.append(out.length() > 1 ? " " : "").append(nstring(key)).append(' ').append(nstring(value)));
            return out.append(')').toString();
        }

        private long lines() {
            long lines = 0;
            for (int i = bodyStart; i < end; i++) {
                if (content[i] == '\n') {
                    lines++;
                }
            }
            return lines;
        }

        private static boolean startsWith(byte[] content, int position, byte[] prefix) {
            if (position + prefix.length > content.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (content[position + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int lineEnd(byte[] content, int from, int end) {
            for (int i = from; i < end; i++) {
                if (content[i] == '\n') {
                    return i + 1;
                }
            }
            return end;
        }
    }
}
