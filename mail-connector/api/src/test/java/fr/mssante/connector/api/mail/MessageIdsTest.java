package fr.mssante.connector.api.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5322 section 3.6.4 msg-ids, read leniently as RFC 5256 section 3 asks. */
class MessageIdsTest {

    @Test
    void messageIdsAreReadLeniently() {
        assertThat(MessageIds.of("References: <a@x>\r\n <b\r\n @y> (comment)")).containsExactly("<a@x>", "<b@y>");
        assertThat(MessageIds.of("Your message of Monday <c@z>")).containsExactly("<c@z>");
        assertThat(MessageIds.of(null)).isEmpty();
    }

    @Test
    void emptyBracketsAreNoId() {
        assertThat(MessageIds.of("<> <  > <d@w>")).containsExactly("<d@w>");
    }
}
