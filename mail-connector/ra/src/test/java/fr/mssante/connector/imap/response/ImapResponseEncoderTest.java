package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;
import fr.mssante.connector.imap.sort.ThreadNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImapResponseEncoderTest {

    private static String encode(ImapResponse response) {
        ByteBuf buf = ImapResponseEncoder.encode(response, UnpooledByteBufAllocator.DEFAULT, MailboxNames.Encoding.MODIFIED_UTF7);
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    @Test
    void statusResponsesWithAndWithoutCode() {
        assertThat(encode(StatusResponse.tagged("a1", Status.OK, Code.of("READ-WRITE"), "SELECT completed")))
                .isEqualTo("a1 OK [READ-WRITE] SELECT completed\r\n");
        assertThat(encode(StatusResponse.untagged(Status.OK, Code.of("UIDVALIDITY", 3857529045L), "UIDs valid")))
                .isEqualTo("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
        assertThat(encode(StatusResponse.untagged(Status.BYE, null, "Logging out"))).isEqualTo("* BYE Logging out\r\n");
        assertThat(encode(StatusResponse.tagged("a", Status.NO, null, ""))).isEqualTo("a NO Done\r\n");
    }

    @Test
    void textCannotForgeAResponse() {
        assertThat(encode(StatusResponse.tagged("a", Status.NO, Code.of("CANNOT"), "bad\r\n* OK forged\u00e9")))
                .isEqualTo("a NO [CANNOT] bad??* OK forged?\r\n");
        // A leading "[" would read as a response code.
        assertThat(encode(StatusResponse.tagged("a", Status.NO, null, "[ALERT] no"))).isEqualTo("a NO ?ALERT] no\r\n");
    }

    @Test
    void continuation() {
        assertThat(encode(new ImapResponse.Continuation(""))).isEqualTo("+ \r\n");
        assertThat(encode(new ImapResponse.Continuation("idling"))).isEqualTo("+ idling\r\n");
    }

    @Test
    void fetchWritesLiteralsAndPrecomputedOctets() {
        byte[] message = "Subject: \u00e9t\u00e9\r\n\r\nbody".getBytes(StandardCharsets.UTF_8);
        String envelope = new String("(NIL \"\u00e9\" NIL NIL NIL NIL NIL NIL NIL NIL)".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        ImapResponse fetch = new ImapResponse.Fetch(12, List.of(
                new FetchData("UID", new FetchValue.Atom("7")),
                new FetchData("ENVELOPE", new FetchValue.Octets(envelope)),
                new FetchData("BODY[]<2>", new FetchValue.Body(message, 2, 5)),
                new FetchData("BODY[9]", new FetchValue.Body(null, 0, 0))));
        ByteBuf buf = ImapResponseEncoder.encode(fetch, UnpooledByteBufAllocator.DEFAULT, MailboxNames.Encoding.MODIFIED_UTF7);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("* 12 FETCH (UID 7 ENVELOPE (NIL \"\u00e9\" NIL NIL NIL NIL NIL NIL NIL NIL) BODY[]<2> {5}\r\nbject BODY[9] NIL)\r\n");
    }

    @Test
    void decodedDataIsALiteral8OnlyWhenItHoldsNul() {
        // RFC 3516 section 4.1: a server SHOULD use a literal8 only when the data contains NUL.
        byte[] withNul = {'a', 0, 'b'};
        byte[] without = {'a', (byte) 0xE9, 'b'};
        assertThat(encode(new ImapResponse.Fetch(3, List.of(
                new FetchData("BINARY[2]", new FetchValue.Decoded(withNul, 0, 3)),
                new FetchData("BINARY[1]<1>", new FetchValue.Decoded(without, 1, 2)),
                new FetchData("BINARY[2]<0>", new FetchValue.Decoded(withNul, 0, 1)),
                new FetchData("BINARY[7]", new FetchValue.Decoded(null, 0, 0))))))
                .isEqualTo("* 3 FETCH (BINARY[2] ~{3}\r\na\0b BINARY[1]<1> {2}\r\n\u00e9b BINARY[2]<0> {1}\r\na BINARY[7] NIL)\r\n");
    }

    @Test
    void mailboxNamesAreQuotedUtf8ForAUtf8Session() {
        // RFC 6855 section 3: no modified UTF-7 once UTF8=ACCEPT is enabled; quoted strings may hold UTF-8.
        ByteBuf buf = ImapResponseEncoder.encode(new ImapResponse.ListEntry("LIST", List.of("\\HasNoChildren"),
                "R\u00e9unions & \"co\"", List.of()), UnpooledByteBufAllocator.DEFAULT, MailboxNames.Encoding.UTF8);
        try {
            assertThat(buf.toString(StandardCharsets.UTF_8))
                    .isEqualTo("* LIST (\\HasNoChildren) \"/\" \"R\u00e9unions & \\\"co\\\"\"\r\n");
        } finally {
            buf.release();
        }
        assertThat(encode(new ImapResponse.StatusData("R\u00e9unions", Map.of("MESSAGES", 1L))))
                .as("the default stays modified UTF-7").isEqualTo("* STATUS \"R&AOk-unions\" (MESSAGES 1)\r\n");
    }

    @Test
    void largeLiteralsAreWrappedNotCopied() {
        byte[] large = new byte[10_000];
        ByteBuf buf = ImapResponseEncoder.encode(new ImapResponse.Fetch(1,
                List.of(new FetchData("BODY[]", new FetchValue.Body(large, 0, large.length)))), UnpooledByteBufAllocator.DEFAULT, MailboxNames.Encoding.MODIFIED_UTF7);
        assertThat(buf.readableBytes()).isEqualTo("* 1 FETCH (BODY[] {10000}\r\n".length() + 10_000 + ")\r\n".length());
        buf.release();
    }

    @Test
    void mailboxNamesAreModifiedUtf7AndQuoted() {
        assertThat(encode(new ImapResponse.ListEntry("LIST", List.of("\\HasNoChildren", "\\Sent"), "Envoy\u00e9s", List.of())))
                .isEqualTo("* LIST (\\HasNoChildren \\Sent) \"/\" \"Envoy&AOk-s\"\r\n");
        assertThat(encode(new ImapResponse.ListEntry("LIST", List.of("\\NonExistent"), "a\"b", List.of("SUBSCRIBED"))))
                .isEqualTo("* LIST (\\NonExistent) \"/\" \"a\\\"b\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
        Map<String, Long> items = new LinkedHashMap<>();
        items.put("MESSAGES", 3L);
        items.put("UIDNEXT", 44L);
        assertThat(encode(new ImapResponse.StatusData("INBOX", items))).isEqualTo("* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 44)\r\n");
    }

    @Test
    void messageData() {
        assertThat(encode(new ImapResponse.Exists(23))).isEqualTo("* 23 EXISTS\r\n");
        assertThat(encode(new ImapResponse.Recent(1))).isEqualTo("* 1 RECENT\r\n");
        assertThat(encode(new ImapResponse.Expunge(4))).isEqualTo("* 4 EXPUNGE\r\n");
        assertThat(encode(new ImapResponse.Vanished(List.of(41L, 43L, 44L, 45L), true))).isEqualTo("* VANISHED (EARLIER) 41,43:45\r\n");
        assertThat(encode(new ImapResponse.Numbers("SEARCH", List.of(2L, 84L), 917162500))).isEqualTo("* SEARCH 2 84 (MODSEQ 917162500)\r\n");
        assertThat(encode(new ImapResponse.Numbers("SORT", List.of(), -1))).isEqualTo("* SORT\r\n");
        assertThat(encode(new ImapResponse.ESearch("A285", true, Map.of("ALL", "4:18,21,28"))))
                .as("RFC 4731 section 4 example").isEqualTo("* ESEARCH (TAG \"A285\") UID ALL 4:18,21,28\r\n");
        assertThat(encode(new ImapResponse.Thread(List.of(leaf(2), node(3, node(6, node(4, leaf(23)),
                node(44, node(7, leaf(96)))))))))
                .as("RFC 5256 section 4 example").isEqualTo("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
        assertThat(encode(new ImapResponse.Thread(List.of(node(0, leaf(3), leaf(5))))))
                .as("a thread without top message").isEqualTo("* THREAD ((3)(5))\r\n");
        assertThat(encode(new ImapResponse.Thread(List.of()))).isEqualTo("* THREAD\r\n");
        assertThat(encode(new ImapResponse.Flags(List.of("\\Seen", "$Label1")))).isEqualTo("* FLAGS (\\Seen $Label1)\r\n");
    }

    @Test
    void serverData() {
        assertThat(encode(new ImapResponse.Capability(List.of("IMAP4rev1", "IDLE")))).isEqualTo("* CAPABILITY IMAP4rev1 IDLE\r\n");
        assertThat(encode(new ImapResponse.Enabled(List.of()))).isEqualTo("* ENABLED\r\n");
        assertThat(encode(new ImapResponse.Namespace())).isEqualTo("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
        assertThat(encode(new ImapResponse.Id(Map.of("name", "x")))).isEqualTo("* ID (\"name\" \"x\")\r\n");
        assertThat(encode(new ImapResponse.Id(null))).isEqualTo("* ID NIL\r\n");
        assertThat(encode(new ImapResponse.Quota("User quota", 10, 1024))).isEqualTo("* QUOTA \"User quota\" (STORAGE 10 1024)\r\n");
        assertThat(encode(new ImapResponse.QuotaRoot("INBOX", List.of("")))).isEqualTo("* QUOTAROOT \"INBOX\" \"\"\r\n");
    }

    @Test
    void nonAsciiStringsBecomeLiterals() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "\u00e9");
        assertThat(encode(new ImapResponse.Id(id))).isEqualTo("* ID (\"name\" {2}\r\n\u00c3\u00a9)\r\n");
    }

    private static ThreadNode leaf(long number) {
        return new ThreadNode(number, List.of());
    }

    private static ThreadNode node(long number, ThreadNode... children) {
        return new ThreadNode(number, List.of(children));
    }
}
