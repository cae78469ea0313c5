package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.ejb.delivery.mime.AddressParser.Address;

import org.junit.jupiter.api.Test;

class AddressParserTest {

    @Test
    void displayNamesAreUnquotedAndEncodedWordsKept() {
        assertThat(AddressParser.parse("\"Dupont, Marie\" <m.dupont@x.fr>, =?UTF-8?Q?No=C3=ABl?= <n@x.fr>"))
                .containsExactly(new Address("Dupont, Marie", null, "m.dupont", "x.fr"),
                        new Address("=?UTF-8?Q?No=C3=ABl?=", null, "n", "x.fr"));
    }

    @Test
    void obsoletePhraseWithDotsAndComments() {
        assertThat(AddressParser.parse("John Q. Public (the man) <jqp@example.com>"))
                .containsExactly(new Address("John Q. Public", null, "jqp", "example.com"));
    }

    @Test
    void quotedLocalPartAndDomainLiteral() {
        assertThat(AddressParser.parse("\"jean martin\"@[192.0.2.1]"))
                .containsExactly(new Address(null, null, "jean martin", "[192.0.2.1]"));
    }

    @Test
    void brokenAddressesDegradeLikeDovecot() {
        assertThat(AddressParser.parse("root"))
                .containsExactly(new Address(null, null, "root", AddressParser.MISSING_DOMAIN));
        assertThat(AddressParser.parse("<>"))
                .containsExactly(new Address(null, null, AddressParser.MISSING_MAILBOX, AddressParser.SYNTAX_ERROR));
        assertThat(AddressParser.parse("Name <@bad route user@x>"))
                .containsExactly(new Address("Name", AddressParser.INVALID_ROUTE, AddressParser.MISSING_MAILBOX,
                        AddressParser.SYNTAX_ERROR));
        assertThat(AddressParser.parse("a@b,")).containsExactly(new Address(null, null, "a", "b"));
    }

    @Test
    void emptyValues() {
        assertThat(AddressParser.parse(null)).isEmpty();
        assertThat(AddressParser.parse("  ")).isEmpty();
        assertThat(AddressParser.parse("(only a comment)")).isEmpty();
    }

    @Test
    void groupMarkers() {
        var list = AddressParser.parse("Équipe: a@b;");

        assertThat(list.get(0).isGroupStart()).isTrue();
        assertThat(list.get(0).mailbox()).isEqualTo("Équipe");
        assertThat(list.get(2).isGroupEnd()).isTrue();
    }
}
