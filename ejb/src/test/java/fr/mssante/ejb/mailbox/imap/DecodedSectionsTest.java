package fr.mssante.ejb.mailbox.imap;

import fr.mssante.connector.api.imap.DecodedSection;
import fr.mssante.ejb.delivery.mime.MessageParser;
import fr.mssante.ejb.delivery.mime.ParsedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** FETCH BINARY sections (RFC 3516 section 4.1) decoded from a stored message and its part table. */
class DecodedSectionsTest {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', 0, (byte) 0xE2, (byte) 0xE3, 0, '\r', '\n'};

    private static final String MESSAGE = "From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\n"
            + "Ch=C3=A8re coll=C3=A8gue,=\r\n suite=3D fin\r\n"
            + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(PDF) + "\r\n"
            + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 f\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nhello\r\n"
            + "--b--\r\n";

    private final byte[] raw = MESSAGE.getBytes(StandardCharsets.UTF_8);
    private final ParsedMessage parsed = new MessageParser().parse(raw);

    private Map<String, DecodedSection> decode(String... sections) {
        return DecodedSections.of(raw, parsed, Set.of(sections));
    }

    @Test
    void base64PartGivesTheOriginalOctetsNulIncluded() {
        assertThat(decode("2").get("2").content()).containsExactly(PDF);
    }

    @Test
    void quotedPrintableIsDecodedSoftBreaksRemoved() {
        assertThat(new String(decode("1").get("1").content(), StandardCharsets.UTF_8))
                .isEqualTo("Chère collègue, suite= fin");
    }

    @Test
    void unknownEncodingIsReportedNotGuessed() {
        DecodedSection section = decode("3").get("3");
        assertThat(section.content()).isNull();
        assertThat(section.unknownEncoding()).isEqualTo("x-uuencode");
    }

    @Test
    void messagePartAndWholeMessageAreAsStored() {
        assertThat(new String(decode("4").get("4").content(), StandardCharsets.UTF_8))
                .isEqualTo("Subject: inner\r\n\r\nhello");
        assertThat(decode("").get("").content()).isEqualTo(raw);
        assertThat(new String(decode("4.1").get("4.1").content(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void missingPartIsNeitherContentNorUnknown() {
        assertThat(decode("9").get("9")).isEqualTo(DecodedSection.missing());
    }
}
