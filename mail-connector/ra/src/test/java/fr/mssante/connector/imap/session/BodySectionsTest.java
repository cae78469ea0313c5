package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.MessagePart;
import fr.mssante.connector.imap.request.FetchAttribute.BodySection;
import fr.mssante.connector.imap.request.FetchAttribute.SectionText;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BODY[section] slicing with the store's part table, and header field selection on raw octets. */
class BodySectionsTest {

    private static final String MESSAGE = "From: a@b.fr\r\nSubject: x\r\n y\r\nTo: c@d.fr\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Subject: inner\r\n\r\nbody\r\n--b--\r\n";

    private static MessageData data(boolean withParts) {
        byte[] content = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        int part1 = MESSAGE.indexOf("Content-Type: text/plain");
        int body1 = MESSAGE.indexOf("hello");
        int part2 = MESSAGE.indexOf("Content-Type: message/rfc822");
        int body2 = MESSAGE.indexOf("Subject: inner");
        int inner = MESSAGE.indexOf("body\r\n--b--");
        List<MessagePart> parts = List.of(
                new MessagePart("1", "text/plain", part1, body1, body1 + 5, -1),
                new MessagePart("2", "message/rfc822", part2, body2, inner + 4, inner),
                new MessagePart("2.1", "text/plain", body2, inner, inner + 4, -1));
        return new MessageData(1, 1, List.of(), null, content.length, null, null, null,
                withParts ? MESSAGE.indexOf("--b") : 0, withParts ? parts : null, content, null, null);
    }

    private static String read(String part, SectionText text, List<String> fields, long offset, long length) {
        FetchValue.Body body = BodySections.read(new BodySection(part, text, fields, offset, length), data(true));
        return body.data() == null ? null : new String(body.data(), body.offset(), body.length(), StandardCharsets.US_ASCII);
    }

    @Test
    void topLevelSections() {
        assertThat(read("", SectionText.ALL, List.of(), -1, 0)).isEqualTo(MESSAGE);
        assertThat(read("", SectionText.HEADER, List.of(), -1, 0)).isEqualTo("From: a@b.fr\r\nSubject: x\r\n y\r\nTo: c@d.fr\r\n\r\n");
        assertThat(read("", SectionText.TEXT, List.of(), -1, 0)).startsWith("--b\r\n").endsWith("--b--\r\n");
    }

    @Test
    void headerFieldsKeepContinuationLinesAndEndWithTheBlankLine() {
        assertThat(read("", SectionText.HEADER_FIELDS, List.of("subject", "X-None"), -1, 0)).isEqualTo("Subject: x\r\n y\r\n\r\n");
        assertThat(read("", SectionText.HEADER_FIELDS_NOT, List.of("SUBJECT"), -1, 0))
                .isEqualTo("From: a@b.fr\r\nTo: c@d.fr\r\n\r\n");
        assertThat(read("2", SectionText.HEADER_FIELDS, List.of("Subject"), -1, 0)).isEqualTo("Subject: inner\r\n\r\n");
    }

    @Test
    void partsMimeHeadersAndEncapsulatedMessages() {
        assertThat(read("1", SectionText.ALL, List.of(), -1, 0)).isEqualTo("hello");
        assertThat(read("1", SectionText.MIME, List.of(), -1, 0)).isEqualTo("Content-Type: text/plain\r\n\r\n");
        assertThat(read("2", SectionText.HEADER, List.of(), -1, 0)).isEqualTo("Subject: inner\r\n\r\n");
        assertThat(read("2", SectionText.TEXT, List.of(), -1, 0)).isEqualTo("body");
        assertThat(read("2.1", SectionText.ALL, List.of(), -1, 0)).isEqualTo("body");
        assertThat(read("1", SectionText.TEXT, List.of(), -1, 0)).as("TEXT of a non-message part").isNull();
        assertThat(read("3", SectionText.ALL, List.of(), -1, 0)).isNull();
    }

    @Test
    void partials() {
        assertThat(read("", SectionText.ALL, List.of(), 6, 4)).isEqualTo("a@b.");
        assertThat(read("1", SectionText.ALL, List.of(), 3, 100)).isEqualTo("lo");
        assertThat(read("1", SectionText.ALL, List.of(), 100, 10)).isEmpty();
    }

    @Test
    void headerSizeAndPartOneWithoutThePartTable() {
        MessageData bare = data(false);
        assertThat(BodySections.headerSize(bare)).isEqualTo(MESSAGE.indexOf("--b"));
        FetchValue.Body one = BodySections.read(new BodySection("1", SectionText.ALL, List.of(), -1, 0), bare);
        assertThat(new String(one.data(), one.offset(), one.length(), StandardCharsets.US_ASCII)).startsWith("--b\r\n");
        assertThat(HeaderFieldFilter.headerLength("no blank line".getBytes(StandardCharsets.US_ASCII), 0, 13)).isEqualTo(13);
        assertThat(HeaderFieldFilter.headerLength("a: b\n\nbody".getBytes(StandardCharsets.US_ASCII), 0, 10)).isEqualTo(6);
    }
}
