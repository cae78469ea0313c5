package fr.mssante.connector.imap.request;

import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.FetchAttribute.BodySection;
import fr.mssante.connector.imap.request.FetchAttribute.Kind;
import fr.mssante.connector.imap.request.FetchAttribute.SectionText;
import fr.mssante.connector.imap.request.ImapRequest.ListOption;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImapRequestParserTest {

    private final ImapRequestParser parser = new ImapRequestParser();

    private ImapRequest parse(String line) throws BadRequest, RefusedRequest {
        return parser.parse(ImapCommandText.of(line), MailboxNames.Encoding.MODIFIED_UTF7);
    }

    private static FetchAttribute simple(Kind kind) {
        return new FetchAttribute.Simple(kind);
    }

    private static FetchAttribute section(String part, SectionText text, List<String> fields, long offset, long length,
                                          boolean peek) {
        return new FetchAttribute.Section(new BodySection(part, text, fields, offset, length), peek);
    }

    @Test
    void fetchMacros() throws Exception {
        assertThat(((ImapRequest.Fetch) parse("a FETCH 1:* FAST")).attributes())
                .containsExactly(simple(Kind.FLAGS), simple(Kind.INTERNALDATE), simple(Kind.RFC822_SIZE));
        assertThat(((ImapRequest.Fetch) parse("a FETCH 1 all")).attributes()).hasSize(4).contains(simple(Kind.ENVELOPE));
        assertThat(((ImapRequest.Fetch) parse("a FETCH 1 FULL")).attributes()).hasSize(5).contains(simple(Kind.BODY));
    }

    @Test
    void fetchAttributesAndSections() throws Exception {
        ImapRequest.Fetch fetch = (ImapRequest.Fetch) parse("a FETCH 2,4:6 (FLAGS BODY.PEEK[HEADER.FIELDS (From \"To\")]"
                + " BODY[1.2.MIME] BODY[]<0.2048> body[3.text] BODY RFC822.HEADER BODYSTRUCTURE MODSEQ)");
        assertThat(fetch.uid()).isFalse();
        assertThat(fetch.set()).isEqualTo(SequenceSet.parse("2,4:6"));
        assertThat(fetch.attributes()).containsExactly(
                simple(Kind.FLAGS),
                section("", SectionText.HEADER_FIELDS, List.of("From", "To"), -1, 0, true),
                section("1.2", SectionText.MIME, List.of(), -1, 0, false),
                section("", SectionText.ALL, List.of(), 0, 2048, false),
                section("3", SectionText.TEXT, List.of(), -1, 0, false),
                simple(Kind.BODY), simple(Kind.RFC822_HEADER), simple(Kind.BODYSTRUCTURE), simple(Kind.MODSEQ));
        BodySection fields = ((FetchAttribute.Section) fetch.attributes().get(1)).section();
        assertThat(fields.spec()).isEqualTo("HEADER.FIELDS (From To)");
        assertThat(new BodySection("1.2", SectionText.MIME, List.of(), -1, 0).spec()).isEqualTo("1.2.MIME");
        assertThat(new BodySection("3", SectionText.ALL, List.of(), -1, 0).spec()).isEqualTo("3");
    }

    @Test
    void uidFetchAddsUidAndTakesTheQresyncModifiers() throws Exception {
        ImapRequest.Fetch fetch = (ImapRequest.Fetch) parse("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)");
        assertThat(fetch.uid()).isTrue();
        assertThat(fetch.attributes()).containsExactly(simple(Kind.UID), simple(Kind.FLAGS));
        assertThat(fetch.changedSince()).isEqualTo(12345);
        assertThat(fetch.vanished()).isTrue();
        assertThatThrownBy(() -> parse("a UID FETCH 1 FLAGS (VANISHED)")).hasMessage("VANISHED requires CHANGEDSINCE");
        assertThatThrownBy(() -> parse("a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)"))
                .hasMessage("Unknown FETCH modifier VANISHED");
    }

    @Test
    void fetchErrorsKeepTheTag() {
        assertThatThrownBy(() -> parse("t1 FETCH 1 BODY[4.X]")).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.tag()).isEqualTo("t1"));
        assertThatThrownBy(() -> parse("t1 FETCH 1 BODY[MIME]")).hasMessage("MIME needs a part number");
        assertThatThrownBy(() -> parse("t1 FETCH 1 BODY[]<1>")).hasMessage("Expected '.'");
        assertThatThrownBy(() -> parse("t1 FETCH 1 BODY[]<1.0>")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("t1 FETCH x FLAGS")).hasMessage("Invalid character in sequence set");
    }

    @Test
    void storeVariants() throws Exception {
        ImapRequest.Store store = (ImapRequest.Store) parse("a UID STORE 1:3 (UNCHANGEDSINCE 7) -FLAGS.SILENT (\\Seen $x)");
        assertThat(store.uid()).isTrue();
        assertThat(store.unchangedSince()).isEqualTo(7);
        assertThat(store.silent()).isTrue();
        assertThat(store.update()).isEqualTo(new FlagUpdate(FlagUpdate.Mode.REMOVE, List.of("\\Seen", "$x")));
        ImapRequest.Store replace = (ImapRequest.Store) parse("a STORE 1 FLAGS \\Deleted \\Seen");
        assertThat(replace.update()).isEqualTo(new FlagUpdate(FlagUpdate.Mode.REPLACE, List.of("\\Deleted", "\\Seen")));
        assertThat(replace.unchangedSince()).isEqualTo(-1);
        assertThat(((ImapRequest.Store) parse("a STORE 1 +flags ()")).update().mode()).isEqualTo(FlagUpdate.Mode.ADD);
    }

    @Test
    void searchKeysBecomeATree() throws Exception {
        ImapRequest.Search search = (ImapRequest.Search) parse(
                "a UID SEARCH CHARSET UTF-8 OR FROM \"dr martin\" NOT SEEN 1:3 UID 5:* SINCE 1-Feb-2024 NEW LARGER 100");
        assertThat(search.uid()).isTrue();
        assertThat(search.charset()).isEqualTo("UTF-8");
        assertThat(search.criteria()).isEqualTo(new SearchTerm.And(List.of(
                new SearchTerm.Or(new SearchTerm.Key(new SearchKey.Header("From", "dr martin")),
                        new SearchTerm.Not(new SearchTerm.Key(new SearchKey.Flag("\\Seen", true)))),
                new SearchTerm.Sequence(SequenceSet.parse("1:3"), false),
                new SearchTerm.Sequence(SequenceSet.parse("5:*"), true),
                new SearchTerm.Key(new SearchKey.Date(SearchKey.Comparison.SINCE, LocalDate.of(2024, 2, 1), false)),
                new SearchTerm.Recent(SearchTerm.RecentKind.NEW),
                new SearchTerm.Key(new SearchKey.Size(true, 100)))));
    }

    @Test
    void searchReturnOptionsComeBeforeTheCharset() throws Exception {
        ImapRequest.Search search = (ImapRequest.Search) parse("a SEARCH RETURN (min Count) CHARSET UTF-8 ALL");
        assertThat(search.returns()).containsExactlyInAnyOrder(ImapRequest.SearchReturn.MIN, ImapRequest.SearchReturn.COUNT);
        assertThat(search.charset()).isEqualTo("UTF-8");
        assertThat(((ImapRequest.Search) parse("a SEARCH RETURN () ALL")).returns())
                .as("RFC 4731 3.1: RETURN () is RETURN (ALL)").containsExactly(ImapRequest.SearchReturn.ALL);
        assertThat(((ImapRequest.Search) parse("a SEARCH ALL")).returns()).as("classic SEARCH").isNull();
    }

    @Test
    void searchKeysOneByOne() throws Exception {
        assertThat(key("CC x")).as("not CHARSET").isEqualTo(new SearchTerm.Key(new SearchKey.Header("Cc", "x")));
        assertThat(((ImapRequest.Search) parse("a SEARCH charset us-ascii ALL")).charset()).isEqualTo("us-ascii");
        assertThat(key("UNANSWERED")).isEqualTo(new SearchTerm.Key(new SearchKey.Flag("\\Answered", false)));
        assertThat(key("KEYWORD $Label1")).isEqualTo(new SearchTerm.Key(new SearchKey.Flag("$Label1", true)));
        assertThat(key("UNKEYWORD x")).isEqualTo(new SearchTerm.Key(new SearchKey.Flag("x", false)));
        assertThat(key("HEADER X-Priority \"\"")).isEqualTo(new SearchTerm.Key(new SearchKey.Header("X-Priority", "")));
        assertThat(key("TEXT rendu")).isEqualTo(new SearchTerm.Key(new SearchKey.Text("rendu", true)));
        assertThat(key("BODY rendu")).isEqualTo(new SearchTerm.Key(new SearchKey.Text("rendu", false)));
        assertThat(key("SENTON 3-Mar-2025")).isEqualTo(new SearchTerm.Key(
                new SearchKey.Date(SearchKey.Comparison.ON, LocalDate.of(2025, 3, 3), true)));
        assertThat(key("MODSEQ \"/flags/\\\\draft\" all 620162338"))
                .isEqualTo(new SearchTerm.Key(new SearchKey.ModSeq(620162338)));
        assertThat(key("(SEEN)")).isEqualTo(new SearchTerm.Key(new SearchKey.Flag("\\Seen", true)));
        assertThat(SearchTerm.hasModseq(((ImapRequest.Search) parse("a SEARCH OR SEEN MODSEQ 3")).criteria())).isTrue();
        assertThatThrownBy(() -> key("MODSEQ \"/flags/x\" everyone 3")).hasMessage("Invalid MODSEQ entry type everyone");
    }

    private SearchTerm key(String key) throws BadRequest, RefusedRequest {
        return ((ImapRequest.Search) parse("a SEARCH " + key)).criteria();
    }

    @Test
    void sortCriteria() throws Exception {
        ImapRequest.Sort sort = (ImapRequest.Sort) parse("a UID SORT (REVERSE DATE subject) UTF-8 ALL");
        assertThat(sort.order()).containsExactly(
                new ImapRequest.SortCriterion(ImapRequest.SortKey.DATE, true),
                new ImapRequest.SortCriterion(ImapRequest.SortKey.SUBJECT, false));
        assertThat(sort.charset()).isEqualTo("UTF-8");
        assertThat(sort.criteria()).isEqualTo(new SearchTerm.Key(new SearchKey.All()));
    }

    @Test
    void listExtendedSyntax() throws Exception {
        ImapRequest.ListRequest list = (ImapRequest.ListRequest) parse(
                "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"INBOX\" \"Archives/%\") RETURN (CHILDREN SPECIAL-USE)");
        assertThat(list.extended()).isTrue();
        assertThat(list.selection()).isEqualTo(Set.of(ListOption.SUBSCRIBED, ListOption.RECURSIVEMATCH));
        assertThat(list.returns()).isEqualTo(Set.of(ListOption.CHILDREN, ListOption.SPECIAL_USE));
        assertThat(list.patterns()).containsExactly("INBOX", "Archives/%");
        ImapRequest.ListRequest plain = (ImapRequest.ListRequest) parse("a LIST ~/ *");
        assertThat(plain.extended()).isFalse();
        assertThat(plain.reference()).isEqualTo("~/");
        assertThatThrownBy(() -> parse("a LSUB (SUBSCRIBED) \"\" *")).isInstanceOf(BadRequest.class);
    }

    @Test
    void selectWithQresync() throws Exception {
        ImapRequest.Select select = (ImapRequest.Select) parse("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211 (1:5 3:8)))");
        assertThat(select.mailbox()).isEqualTo("INBOX");
        assertThat(select.qresync()).isEqualTo(new ImapRequest.Qresync(67890007L, 20050715194045000L,
                SequenceSet.parse("41,43:211"), SequenceSet.parse("1:5"), SequenceSet.parse("3:8")));
        assertThat(((ImapRequest.Select) parse("a EXAMINE \"&AMk-t&AOk-\" (CONDSTORE)")).condstore()).isTrue();
        assertThat(((ImapRequest.Select) parse("a EXAMINE \"&AMk-t&AOk-\"")).mailbox()).isEqualTo("\u00c9t\u00e9");
    }

    @Test
    void searchStringsAreUtf8AndLatin1OctetsAreReadAsLatin1() throws Exception {
        // RFC 6855 section 3: after ENABLE UTF8=ACCEPT search strings are UTF-8 quoted strings; Angus Mail
        // sends one octet per character instead (0xB0 for the degree sign), which means Latin-1.
        for (byte[] degree : List.of(new byte[] {(byte) 0xc2, (byte) 0xb0}, new byte[] {(byte) 0xb0})) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            line.writeBytes(bytes("a SEARCH SUBJECT \"R\u00e9sultats n"));
            line.writeBytes(degree);
            line.writeBytes(bytes("1\""));
            ImapRequest.Search search = (ImapRequest.Search) parser.parse(
                    new ImapCommandText(List.of(line.toByteArray()), List.of()), MailboxNames.Encoding.UTF8);
            assertThat(search.criteria().toString()).contains("value=R\u00e9sultats n\u00b01");
        }
    }

    @Test
    void appendWithFlagsDateAndMessageLiteral() throws Exception {
        ImapCommandText text = new ImapCommandText(
                List.of(bytes("a APPEND Sent (\\Seen) \"05-Feb-2025 10:00:00 +0100\" {5}"), bytes("")),
                List.of(new Literal.Bytes(bytes("hello"))));
        ImapRequest.Append append = (ImapRequest.Append) parser.parse(text, MailboxNames.Encoding.MODIFIED_UTF7);
        assertThat(append.mailbox()).isEqualTo("Sent");
        assertThat(append.flags()).containsExactly("\\Seen");
        assertThat(append.internalDate()).isEqualTo(OffsetDateTime.parse("2025-02-05T10:00:00+01:00"));
        assertThat(append.message().size()).isEqualTo(5);
    }

    @Test
    void binaryFetchAttributes() throws Exception {
        // RFC 3516 section 4.2: section-binary holds part numbers only; partial on BINARY and BINARY.PEEK.
        ImapRequest.Fetch fetch = (ImapRequest.Fetch) parse("a FETCH 1 (BINARY[1.2] binary.peek[]<0.100> BINARY.SIZE[3])");
        assertThat(fetch.attributes()).containsExactly(
                new FetchAttribute.Binary("1.2", -1, 0, false, false),
                new FetchAttribute.Binary("", 0, 100, true, false),
                new FetchAttribute.Binary("3", -1, 0, false, true));
        assertThat(((FetchAttribute.Binary) fetch.attributes().get(1)).responseName()).isEqualTo("BINARY[]<0>");
        assertThat(((FetchAttribute.Binary) fetch.attributes().get(2)).responseName()).isEqualTo("BINARY.SIZE[3]");
        for (String invalid : List.of("BINARY[1.MIME]", "BINARY[HEADER]", "BINARY.SIZE[1]<0.1>", "BINARY[0]", "BINARY", "BINARY[1.]")) {
            assertThatThrownBy(() -> parse("a FETCH 1 " + invalid)).as(invalid).isInstanceOf(BadRequest.class);
        }
    }

    @Test
    void appendTakesLiteral8AndTheUtf8DataItem() throws Exception {
        ImapCommandText binary = new ImapCommandText(List.of(bytes("a APPEND INBOX ~{3}"), bytes("")),
                List.of(new Literal.Bytes(new byte[] {0, 1, 0})));
        ImapRequest.Append append = (ImapRequest.Append) parser.parse(binary, MailboxNames.Encoding.MODIFIED_UTF7);
        assertThat(append.message().size()).isEqualTo(3);
        assertThat(append.utf8()).isFalse();
        ImapCommandText utf8 = new ImapCommandText(List.of(bytes("a APPEND INBOX (\\Seen) utf8 (~{2+}"), bytes(")")),
                List.of(new Literal.Bytes(bytes("hi"))));
        assertThat(((ImapRequest.Append) parser.parse(utf8, MailboxNames.Encoding.MODIFIED_UTF7)).utf8()).isTrue();
        ImapCommandText utf8WithoutLiteral8 = new ImapCommandText(List.of(bytes("a APPEND INBOX UTF8 ({2}"), bytes(")")),
                List.of(new Literal.Bytes(bytes("hi"))));
        assertThatThrownBy(() -> parser.parse(utf8WithoutLiteral8, MailboxNames.Encoding.MODIFIED_UTF7)).as("RFC 6855 section 4: UTF8 takes a literal8")
                .isInstanceOf(BadRequest.class);
        ImapCommandText unclosed = new ImapCommandText(List.of(bytes("a APPEND INBOX UTF8 (~{2}"), bytes("")),
                List.of(new Literal.Bytes(bytes("hi"))));
        assertThatThrownBy(() -> parser.parse(unclosed, MailboxNames.Encoding.MODIFIED_UTF7)).isInstanceOf(BadRequest.class);
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a APPEND INBOX UTF8 (~{10}"))).isTrue();
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a APPEND INBOX ~{10+}"))).isTrue();
    }

    @Test
    void nulIsRefusedInQuotedStrings() {
        assertThatThrownBy(() -> parse("a LOGIN \"u\0ser\" x")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void mailboxNamesFollowTheSessionEncoding() throws Exception {
        ImapCommandText create = new ImapCommandText(List.of(bytes("a CREATE \"R\u00e9unions & co\"")), List.of());
        assertThat(((ImapRequest.MailboxRequest) parser.parse(create, MailboxNames.Encoding.UTF8)).mailbox())
                .as("RFC 6855 section 3: UTF-8 as it is, & an ordinary character").isEqualTo("R\u00e9unions & co");
        assertThatThrownBy(() -> parser.parse(create, MailboxNames.Encoding.MODIFIED_UTF7))
                .as("8-bit octets are not modified UTF-7").isInstanceOf(RefusedRequest.class);
        ImapCommandText list = new ImapCommandText(List.of(bytes("a LIST \"\" \"R\u00e9*\"")), List.of());
        assertThat(((ImapRequest.ListRequest) parser.parse(list, MailboxNames.Encoding.UTF8)).patterns()).containsExactly("R\u00e9*");
        ImapCommandText control = new ImapCommandText(List.of(bytes("a CREATE \"a\u2028b\"")), List.of());
        assertThatThrownBy(() -> parser.parse(control, MailboxNames.Encoding.UTF8)).isInstanceOf(RefusedRequest.class);
    }

    @Test
    void theDecoderKnowsWhichLiteralIsTheAppendedMessage() {
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a APPEND INBOX {10}"))).isTrue();
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a APPEND INBOX (\\Seen) {10+}"))).isTrue();
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a append {5}"))).isFalse();
        assertThat(ImapRequestParser.announcesAppendMessage(
                new ImapCommandText(List.of(bytes("a APPEND {5}"), bytes(" {10}")), List.of(new Literal.Bytes(bytes("INBOX"))))))
                .isTrue();
        assertThat(ImapRequestParser.announcesAppendMessage(partial("a LOGIN {5}"))).isFalse();
    }

    private static ImapCommandText partial(String line) {
        return ImapCommandText.of(line);
    }

    @Test
    void authenticateIdEnableAndQuota() throws Exception {
        assertThat(parse("a AUTHENTICATE plain")).isEqualTo(new ImapRequest.Authenticate("a", "PLAIN", null));
        assertThat(parse("a AUTHENTICATE PLAIN =")).isEqualTo(new ImapRequest.Authenticate("a", "PLAIN", ""));
        assertThat(parse("a AUTHENTICATE PLAIN AGEAYg==")).isEqualTo(new ImapRequest.Authenticate("a", "PLAIN", "AGEAYg=="));
        assertThat(((ImapRequest.Id) parse("a ID (\"name\" \"x\" \"os\" NIL)")).parameters())
                .containsEntry("name", "x").containsEntry("os", null).hasSize(2);
        assertThat(((ImapRequest.Id) parse("a ID NIL")).parameters()).isNull();
        assertThat(parse("a ENABLE condstore QRESYNC")).isEqualTo(new ImapRequest.Enable("a", List.of("CONDSTORE", "QRESYNC")));
        assertThat(parse("a GETQUOTAROOT inbox")).isEqualTo(new ImapRequest.GetQuotaRoot("a", "INBOX"));
        assertThat(parse("a SETQUOTA \"\" (STORAGE 512)")).isEqualTo(new ImapRequest.SetQuota("a", ""));
        assertThat(parse("a uid expunge 3:5")).isEqualTo(new ImapRequest.UidExpunge("a", SequenceSet.parse("3:5")));
    }

    @Test
    void untaggedBadWhenTheTagIsMissing() {
        assertThatThrownBy(() -> parse("")).isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.tag()).isNull());
        assertThatThrownBy(() -> parse("NOOP")).isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.tag()).isNull());
        assertThatThrownBy(() -> parse("a NOOP x")).hasMessage("Unexpected extra arguments");
        assertThatThrownBy(() -> parse("a  NOOP")).hasMessage("Missing or invalid command name");
    }

    @Test
    void aNameThatIsNotModifiedUtf7IsRefusedNotBad() {
        assertThatThrownBy(() -> parse("a7 CREATE \"&Jjo\"")).isInstanceOfSatisfying(RefusedRequest.class,
                e -> assertThat(e.tag()).isEqualTo("a7"));
        assertThatThrownBy(() -> parse("a8 LIST \"\" \"&*\"")).isInstanceOf(RefusedRequest.class);
        assertThatThrownBy(() -> parse("a9 CREATE")).as("a missing name is a syntax error")
                .isInstanceOf(BadRequest.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
