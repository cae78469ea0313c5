package fr.mssante.ejb.dsn;

import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A generated report read back the way a mail client would: mime4j's parser, then RFC 3464's field groups. */
record ParsedReport(Message message, List<Entity> parts) {

    static ParsedReport parse(byte[] bytes) {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
            Message message = builder.parseMessage(new ByteArrayInputStream(bytes));
            List<Entity> parts = message.getBody() instanceof Multipart m ? m.getBodyParts() : List.of();
            return new ParsedReport(message, parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String header(String name) {
        var field = message.getHeader().getField(name);
        return field == null ? null : field.getBody();
    }

    /** The decoded text of a leaf part. */
    String text(int part) {
        Entity e = parts.get(part);
        try (var in = ((SingleBody) e.getBody()).getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(e.getCharset() == null ? StandardCharsets.US_ASCII.name() : e.getCharset());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The {@code message/delivery-status} body as RFC 3464 section 2.1 defines it: groups of fields separated
     * by empty lines, the first group per-message, then one per recipient. Field names lower-cased.
     */
    List<Map<String, String>> statusGroups() {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text(1).split("\r\n", -1)) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new AssertionError("not a field line: " + line);
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (current.containsKey(name)) {
                throw new AssertionError("field given twice in a group: " + name);
            }
            current.put(name, line.substring(colon + 1).strip());
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }
}
