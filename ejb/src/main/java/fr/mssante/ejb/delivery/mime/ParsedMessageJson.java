package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.SortKeys;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

/**
 * JSON form of {@link ParsedMessage} (JSON-P), one document per message so that it fits a single
 * PostgreSQL {@code jsonb} or {@code text} column. Field {@code "v"} versions the layout; readers
 * ignore unknown fields and treat missing ones as null, so fields can be added later.
 * No string contains U+0000 (which {@code jsonb} rejects): the parser never produces it.
 */
final class ParsedMessageJson {

    static final int VERSION = 1;

    private ParsedMessageJson() {
    }

    /** Factories are looked up once: Json.createXxx() does a provider lookup on every call. */
    private static final class Factories {
        static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(null);
        static final JsonReaderFactory READERS = Json.createReaderFactory(null);
    }

    static String write(ParsedMessage m) {
        JsonBuilderFactory f = Factories.BUILDERS;
        JsonObjectBuilder o = f.createObjectBuilder()
                .add("v", VERSION)
                .add("size", m.size())
                .add("headerSize", m.headerSize())
                .add("bodyOffset", m.bodyOffset());
        str(o, "subject", m.subject());
        str(o, "from", m.from());
        str(o, "sentDate", m.sentDate() == null ? null : m.sentDate().toString());
        str(o, "messageId", m.messageId());
        str(o, "inReplyTo", m.inReplyTo());
        JsonArrayBuilder refs = f.createArrayBuilder();
        m.references().forEach(refs::add);
        o.add("references", refs);
        str(o, "envelope", m.envelope());
        str(o, "bodyStructure", m.bodyStructure());
        str(o, "body", m.body());
        JsonArrayBuilder parts = f.createArrayBuilder();
        for (MimePart p : m.parts()) {
            JsonObjectBuilder po = f.createObjectBuilder().add("section", p.section()).add("type", p.contentType());
            str(po, "charset", p.charset());
            po.add("encoding", p.transferEncoding());
            str(po, "disposition", p.disposition());
            str(po, "fileName", p.fileName());
            str(po, "contentId", p.contentId());
            po.add("headerOffset", p.headerOffset())
                    .add("bodyOffset", p.bodyOffset())
                    .add("endOffset", p.endOffset())
                    .add("lines", p.lines())
                    .add("messageBodyOffset", p.messageBodyOffset());
            parts.add(po);
        }
        o.add("parts", parts);
        o.add("hasAttachments", m.hasAttachments());
        str(o, "textForSearch", m.textForSearch());
        if (m.sortKeys() != null) {
            o.add("sortKeys", sortKeys(f, m.sortKeys()));
        }
        return o.build().toString();
    }

    static ParsedMessage read(String json) {
        JsonObject o;
        try (JsonReader r = Factories.READERS.createReader(new StringReader(json))) {
            o = r.readObject();
        }
        List<String> refs = strings(o.getJsonArray("references"));
        List<MimePart> parts = new ArrayList<>();
        JsonArray pa = o.getJsonArray("parts");
        if (pa != null) {
            for (JsonValue v : pa) {
                JsonObject p = v.asJsonObject();
                parts.add(new MimePart(
                        p.getString("section"),
                        p.getString("type"),
                        str(p, "charset"),
                        p.getString("encoding", "7bit"),
                        str(p, "disposition"),
                        str(p, "fileName"),
                        str(p, "contentId"),
                        num(p, "headerOffset", 0),
                        num(p, "bodyOffset", 0),
                        num(p, "endOffset", 0),
                        num(p, "lines", 0),
                        num(p, "messageBodyOffset", -1)));
            }
        }
        String date = str(o, "sentDate");
        return new ParsedMessage(
                num(o, "size", 0),
                num(o, "headerSize", 0),
                num(o, "bodyOffset", 0),
                str(o, "subject"),
                str(o, "from"),
                date == null ? null : OffsetDateTime.parse(date),
                str(o, "messageId"),
                str(o, "inReplyTo"),
                refs,
                str(o, "envelope"),
                str(o, "bodyStructure"),
                str(o, "body"),
                parts,
                str(o, "textForSearch"),
                o.getBoolean("hasAttachments", false),
                o.containsKey("sortKeys") ? sortKeys(o.getJsonObject("sortKeys")) : null);
    }

    private static JsonObjectBuilder sortKeys(JsonBuilderFactory f, SortKeys k) {
        JsonObjectBuilder o = f.createObjectBuilder();
        str(o, "sentDate", k.sentDate() == null ? null : k.sentDate().toString());
        o.add("baseSubject", k.baseSubject()).add("replyOrForward", k.replyOrForward())
                .add("from", k.from()).add("to", k.to()).add("cc", k.cc());
        str(o, "messageId", k.messageId());
        JsonArrayBuilder refs = f.createArrayBuilder();
        k.references().forEach(refs::add);
        return o.add("references", refs);
    }

    private static SortKeys sortKeys(JsonObject o) {
        String date = str(o, "sentDate");
        return new SortKeys(date == null ? null : OffsetDateTime.parse(date), o.getString("baseSubject", ""),
                o.getBoolean("replyOrForward", false), o.getString("from", ""), o.getString("to", ""),
                o.getString("cc", ""), str(o, "messageId"), strings(o.getJsonArray("references")));
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                strings.add(array.getString(i));
            }
        }
        return strings;
    }

    private static void str(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }

    private static String str(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(name);
    }

    private static long num(JsonObject o, String name, long def) {
        JsonValue v = o.get(name);
        return v == null || v.getValueType() != JsonValue.ValueType.NUMBER ? def : o.getJsonNumber(name).longValue();
    }
}
