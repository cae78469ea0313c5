package fr.mssante.connector.imap.sort;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeFieldsTest {

    @Test
    void readsDateSubjectAndFirstMailboxes() {
        EnvelopeFields fields = EnvelopeFields.parse("(\"Mon, 06 Jan 2025 09:15:00 +0100\" {13}\r\nCompte \"rendu "
                + "((\"Dr Martin\" NIL \"dr.martin\" \"clinique.example.fr\")) NIL NIL "
                + "((NIL NIL \"list\" NIL)(\"Dr \\\"D\\\"\" NIL \"dr.durand\" \"h.fr\")) NIL NIL NIL \"<m1@x>\")");
        assertThat(fields.date()).isEqualTo("Mon, 06 Jan 2025 09:15:00 +0100");
        assertThat(fields.subject()).isEqualTo("Compte \"rendu");
        assertThat(fields.from()).isEqualTo("dr.martin");
        assertThat(fields.to()).as("group start (NIL host) skipped").isEqualTo("dr.durand");
        assertThat(fields.cc()).isEmpty();
    }

    @Test
    void addressListsWithGroupsAndMissingMailboxes() {
        // Cc: undisclosed-recipients:; -- a group with no member: no address, "".
        assertThat(EnvelopeFields.parse(envelopeWithCc("((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))")).cc())
                .isEmpty();
        // Cc: Equipe: beta@x, alpha@y; -- the group's first member.
        assertThat(EnvelopeFields.parse(envelopeWithCc("((NIL NIL \"Equipe\" NIL)(NIL NIL \"beta\" \"x\")"
                + "(NIL NIL \"alpha\" \"y\")(NIL NIL NIL NIL))")).cc()).isEqualTo("beta");
        // Cc: "No mailbox" <@x>, gamma@y -- the first address has no mailbox part: its key is "".
        assertThat(EnvelopeFields.parse(envelopeWithCc("((\"No mailbox\" \"INVALID_ROUTE\" \"MISSING_MAILBOX\" "
                + "\"SYNTAX_ERROR\")(NIL NIL \"gamma\" \"y\"))")).cc()).isEmpty();
        // A comment as display name, an encoded word: the mailbox part only.
        assertThat(EnvelopeFields.parse(envelopeWithCc("((\"=?utf-8?q?Fran=C3=A7ois?=\" NIL \"delta\" \"x\"))")).cc())
                .isEqualTo("delta");
    }

    private static String envelopeWithCc(String cc) {
        return "(NIL NIL NIL NIL NIL NIL " + cc + " NIL NIL NIL)";
    }

    @Test
    void malformedOrMissingEnvelopesGiveEmptyFields() {
        assertThat(EnvelopeFields.parse(null).from()).isEmpty();
        assertThat(EnvelopeFields.parse("(\"unterminated").subject()).isNull();
        assertThat(EnvelopeFields.parse("NIL").date()).isNull();
    }
}
