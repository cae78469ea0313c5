package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BINARY (RFC 3516) and UTF8=ACCEPT (RFC 6855) against the deployed EAR over STARTTLS: the store decodes
 * a part's Content-Transfer-Encoding (mime4j's codecs) and the engine frames it, literal8 when it holds
 * NUL; binary content appended as literal8 comes back octet for octet; a session that enabled
 * UTF8=ACCEPT names mailboxes in UTF-8 and reads UTF-8 header fields as they are, while another session
 * keeps modified UTF-7 and a downgraded ENVELOPE.
 */
@ExtendWith(PlatformExtension.class)
class ImapBinaryUtf8IT {

    /** A PDF prologue with the NUL and 8-bit octets a real one has after its header. */
    private static final byte[] PDF = pdf();

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    ImapBinaryUtf8IT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    private static byte[] pdf() {
        byte[] pdf = new byte[600];
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, pdf, 0, header.length);
        for (int i = header.length; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        return pdf;
    }

    private ImapWire login(String[] account) throws Exception {
        ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
        imap.command("LOGIN " + account[0] + " " + account[1]);
        return imap;
    }

    /** Octets to a string of one char per octet, as ImapWire sends them. */
    private static String octets(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A response line read one char per octet, as UTF-8 text. */
    private static String utf8(String line) {
        return new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void binary_fetch_decodes_parts_and_literal8_append_round_trips() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        String text = "Ch\u00e8re coll\u00e8gue, voici le compte rendu de l'\u00e9chographie; r\u00e9sultats = normaux.";
        String message = "From: Labo <labo@labo.example.fr>\r\nSubject: Resultats\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Ch=C3=A8re coll=C3=A8gue, voici le compte rendu de l'=C3=A9chographie; r=C3=A9sul=\r\n"
                + "tats =3D normaux.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"cr.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(PDF) + "\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                + "begin 644 cr.pdf\r\n`\r\nend\r\n"
                + "--b--\r\n";
        try (ImapWire imap = login(account)) {
            assertThat(imap.command("CAPABILITY").get(0)).contains(" BINARY ", " UTF8=ACCEPT ");
            ImapAccounts.append(imap, "INBOX", message);
            imap.command("SELECT INBOX");

            // RFC 3516 section 4.1: the part decoded; NUL inside, so a literal8.
            assertThat(imap.literal("FETCH 1 BINARY.PEEK[2]")).isEqualTo(PDF);
            assertThat(imap.command("FETCH 1 BINARY.SIZE[2]")).contains("* 1 FETCH (BINARY.SIZE[2] " + PDF.length + ")");
            assertThat(imap.exchange("FETCH 1 BINARY.PEEK[2]<0.9>")).contains("* 1 FETCH (BINARY[2]<0> {9}");
            assertThat(imap.literal("FETCH 1 BINARY.PEEK[2]<100.50>"))
                    .isEqualTo(java.util.Arrays.copyOfRange(PDF, 100, 150));
            assertThat(new String(imap.literal("FETCH 1 BINARY.PEEK[1]"), StandardCharsets.UTF_8)).isEqualTo(text);
            assertThat(imap.command("FETCH 1 FLAGS").get(0)).doesNotContain("\\Seen");
            assertThat(imap.exchange("FETCH 1 BINARY.PEEK[3]")).last().asString().matches("a\\d+ NO \\[UNKNOWN-CTE\\] .*");

            // RFC 3516 section 4.4: binary content as literal8, NULs and bare CR included, stored as sent.
            byte[] binary = ("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                    + "\u0000\u0001 NUL\u0000 bare CR\r and \u00ff\u0000").getBytes(StandardCharsets.ISO_8859_1);
            List<String> appended = imap.exchange("APPEND INBOX ~{" + binary.length + "+}\r\n" + octets(binary));
            assertThat(appended).last().asString().contains("OK [APPENDUID");
            assertThat(imap.literal("FETCH 2 BINARY.PEEK[]")).isEqualTo(binary);
            assertThat(imap.literal("FETCH 2 BINARY.PEEK[1]"))
                    .isEqualTo("\u0000\u0001 NUL\u0000 bare CR\r and \u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1));
            // The same octets in an ordinary literal: NUL is not CHAR8 (RFC 3501 section 9).
            assertThat(imap.exchange("APPEND INBOX {" + binary.length + "+}\r\n" + octets(binary))).last().asString()
                    .matches("a\\d+ BAD .*");
            assertThat(imap.command("NOOP")).last().asString().contains("OK");
        }
    }

    @Test
    void utf8_accept_names_mailboxes_and_reads_headers_in_utf8() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        byte[] internationalised = ("From: Zo\u00e9 M\u00fcller <zo\u00e9@exemple.fr>\r\n"
                + "To: <" + account[0] + ">\r\nSubject: R\u00e9union de service\r\n"
                + "Date: Mon, 06 Jan 2025 09:00:00 +0100\r\nMessage-ID: <utf8@exemple.fr>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "\u00c0 demain.\r\n").getBytes(StandardCharsets.UTF_8);
        String reunions = octets("R\u00e9unions".getBytes(StandardCharsets.UTF_8));
        try (ImapWire imap = login(account); ImapWire legacy = login(account)) {
            assertThat(imap.command("ENABLE UTF8=ACCEPT")).contains("* ENABLED UTF8=ACCEPT");
            imap.command("CREATE \"" + reunions + "\"");
            assertThat(imap.command("LIST \"\" \"R*\"").stream().map(ImapBinaryUtf8IT::utf8))
                    .contains("* LIST (\\HasNoChildren) \"/\" \"R\u00e9unions\"");
            // RFC 6855 section 4: the internationalised message as the UTF8 data item.
            assertThat(imap.exchange("APPEND \"" + reunions + "\" UTF8 (~{" + internationalised.length + "+}\r\n"
                    + octets(internationalised) + ")")).last().asString().contains("OK [APPENDUID");
            imap.command("SELECT \"" + reunions + "\"");
            String envelope = utf8(String.join("\n", imap.command("FETCH 1 ENVELOPE")));
            assertThat(envelope).contains("R\u00e9union de service", "Zo\u00e9 M\u00fcller", "zo\u00e9");
            assertThat(imap.command("SEARCH SUBJECT \"" + octets("r\u00e9union".getBytes(StandardCharsets.UTF_8)) + "\""))
                    .contains("* SEARCH 1");
            assertThat(imap.exchange("SEARCH CHARSET UTF-8 ALL")).last().asString().matches("a\\d+ BAD .*");
            assertThat(imap.literal("FETCH 1 BODY.PEEK[]")).isEqualTo(internationalised);

            // A session that did not enable UTF8=ACCEPT: modified UTF-7 and a downgraded ENVELOPE (ADR 0032).
            assertThat(legacy.command("LIST \"\" \"R*\"")).contains("* LIST (\\HasNoChildren) \"/\" \"R&AOk-unions\"");
            legacy.command("EXAMINE R&AOk-unions");
            String downgraded = String.join("\n", legacy.command("FETCH 1 ENVELOPE"));
            assertThat(downgraded).contains("\"=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                    "R\u00e9union de service".getBytes(StandardCharsets.UTF_8)) + "?=\"");
            assertThat(downgraded.chars()).allMatch(c -> c < 0x80);
            assertThat(legacy.exchange("APPEND INBOX UTF8 (~{" + internationalised.length + "+}\r\n"
                    + octets(internationalised) + ")")).last().asString().matches("a\\d+ BAD .*");
        }
    }
}
