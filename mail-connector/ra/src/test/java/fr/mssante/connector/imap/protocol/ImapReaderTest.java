package fr.mssante.connector.imap.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImapReaderTest {

    private static ImapReader reader(String line) {
        return new ImapReader(ImapCommandText.of(line));
    }

    /** Lines and literals as the frame decoder assembles them. */
    private static ImapReader reader(List<String> lines, List<String> literals) {
        return new ImapReader(new ImapCommandText(
                lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(),
                literals.stream().<Literal>map(l -> new Literal.Bytes(l.getBytes(StandardCharsets.UTF_8))).toList()));
    }

    @Test
    void tagsAndAtomsFollowTheCharacterClassesOfRfc3501() throws ImapSyntaxException {
        ImapReader reader = reader("a1.b] FETCH rest");
        assertThat(reader.tag()).isEqualTo("a1.b]");
        reader.sp();
        assertThat(reader.atom()).isEqualTo("FETCH");
        reader.sp();
        assertThat(reader.atom()).isEqualTo("rest");
        assertThat(reader.atEnd()).isTrue();
        assertThatThrownBy(() -> reader("+x").tag()).hasMessage("Missing or invalid tag");
        assertThatThrownBy(() -> reader("(x").atom()).hasMessage("Invalid character in atom");
        assertThatThrownBy(() -> reader("%ab").tag()).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void quotedStringsUnescapeQuoteAndBackslashOnly() throws ImapSyntaxException {
        assertThat(reader("\"a \\\"b\\\\ c\"").astringUtf8()).isEqualTo("a \"b\\ c");
        assertThat(reader("\"\"").astringUtf8()).isEmpty();
        assertThatThrownBy(() -> reader("\"a\\n\"").astring()).hasMessage("Invalid escape in quoted string");
        assertThatThrownBy(() -> reader("\"abc").astring()).hasMessage("Unterminated quoted string");
        assertThat(reader("\"\u00e9t\u00e9\"").astringUtf8()).isEqualTo("\u00e9t\u00e9");
    }

    @Test
    void literalsContinueOnTheNextLine() throws ImapSyntaxException {
        ImapReader reader = reader(List.of("a LOGIN {5}", " {6+}", ""), List.of("alice", "se\r\nct"));
        reader.tag();
        reader.sp();
        reader.atom();
        reader.sp();
        assertThat(reader.astringUtf8()).isEqualTo("alice");
        reader.sp();
        assertThat(reader.astringUtf8()).isEqualTo("se\r\nct");
        reader.end();
    }

    @Test
    void aLiteralHeaderMustEndItsLine() {
        assertThatThrownBy(() -> reader("{5} x").astring()).hasMessage("A literal header must end the line");
    }

    @Test
    void nstringIsNilOrAString() throws ImapSyntaxException {
        assertThat(reader("NIL").nstring()).isNull();
        assertThat(reader("nil").nstring()).isNull();
        assertThat(new String(reader("\"x\"").nstring(), StandardCharsets.US_ASCII)).isEqualTo("x");
        assertThatThrownBy(() -> reader("NULL").nstring()).hasMessage("Expected NIL or a string");
    }

    @Test
    void numbers() throws ImapSyntaxException {
        assertThat(reader("4294967295").number()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> reader("0").nzNumber()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> reader("99999999999999999999").number()).hasMessage("Number too large");
    }

    @Test
    void flagsAndFlagLists() throws ImapSyntaxException {
        assertThat(reader("(\\Seen $Label1 \\Answered)").flagList()).containsExactly("\\Seen", "$Label1", "\\Answered");
        assertThat(reader("()").flagList()).isEmpty();
        assertThatThrownBy(() -> reader("(\\Seen").flagList()).hasMessage("Missing ')'");
    }

    @Test
    void dates() throws ImapSyntaxException {
        assertThat(reader("\"17-Jul-1996 02:44:25 -0700\"").dateTime())
                .isEqualTo(OffsetDateTime.parse("1996-07-17T02:44:25-07:00"));
        assertThat(reader("\" 7-Jul-1996 02:44:25 +0000\"").dateTime().getDayOfMonth()).isEqualTo(7);
        assertThat(reader("1-Feb-1994").date()).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(reader("\"01-feb-1994\"").date()).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThatThrownBy(() -> reader("\"17-Jux-1996 02:44:25 -0700\"").dateTime()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> reader("32-Jan-2000").date()).isInstanceOf(ImapSyntaxException.class);
        assertThat(ImapDates.format(OffsetDateTime.parse("1996-07-07T02:44:25-07:30"))).isEqualTo(" 7-Jul-1996 02:44:25 -0730");
    }

    @Test
    void listMailboxKeepsWildcards() throws ImapSyntaxException {
        assertThat(reader("Archives/%").listMailbox()).isEqualTo("Archives/%");
        assertThat(reader("\"*\"").listMailbox()).isEqualTo("*");
        assertThat(reader("inbox*").listMailbox()).isEqualTo("inbox*");
    }
}
