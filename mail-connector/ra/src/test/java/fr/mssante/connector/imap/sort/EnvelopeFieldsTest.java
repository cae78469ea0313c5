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
    void malformedOrMissingEnvelopesGiveEmptyFields() {
        assertThat(EnvelopeFields.parse(null).from()).isEmpty();
        assertThat(EnvelopeFields.parse("(\"unterminated").subject()).isNull();
        assertThat(EnvelopeFields.parse("NIL").date()).isNull();
    }
}
