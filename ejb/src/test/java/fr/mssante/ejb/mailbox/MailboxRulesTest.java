package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailboxRulesTest {

    private static final String ADDRESS = "dr.x@hopital-demo.mssante.fr";

    @ParameterizedTest
    @ValueSource(strings = {"810001234567", "0123456789", "ANS20231122132732"})
    void national_ids_are_rpps_adeli_or_ans_test_ids(String id) {
        assertThat(NationalId.parse(id, "ownerNationalId")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10001234567", "81000123456", "8100012345678", "012345678", "ans20231122132732",
            "ANS2023", " 810001234567", "81000123456x"})
    void other_forms_are_refused(String id) {
        assertThatThrownBy(() -> NationalId.parse(id, "owners[0]"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("owners[0]: ");
    }

    @Test
    void a_per_mailbox_needs_its_owner() {
        assertThat(fields(new NewMailbox(ADDRESS, MailboxType.PER, null, null, null))).containsExactly("ownerNationalId");
        assertThat(fields(new NewMailbox(ADDRESS, MailboxType.PER, null, "810001234567", null))).isEmpty();
    }

    @Test
    void owners_belong_to_org_mailboxes_and_are_checked_one_by_one() {
        assertThat(fields(new NewMailbox(ADDRESS, MailboxType.ORG, null, null, List.of("810001234567", "x"), null, null, null)))
                .containsExactly("owners[1]");
        assertThat(fields(new NewMailbox(ADDRESS, MailboxType.APP, null, null, List.of("810001234567"), null, null, null)))
                .containsExactly("owners");
        assertThat(fields(new NewMailbox(ADDRESS, MailboxType.APP, null, "810001234567", null))).containsExactly("ownerNationalId");
    }

    @Test
    void every_field_at_fault_is_reported_in_field_order() {
        assertThat(fields(new NewMailbox("pas une adresse", null, null, null, null, -1L, null, null)))
                .containsExactly("address", "type", "quotaBytes");
    }

    private static List<String> fields(NewMailbox request) {
        return MailboxRules.violations(request).stream().map(InvalidFieldException::field).toList();
    }
}
