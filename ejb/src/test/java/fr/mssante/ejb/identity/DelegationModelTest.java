package fr.mssante.ejb.identity;

import fr.mssante.ejb.tenant.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelegationModelTest {

    @Test
    void read_write_carries_read() {
        assertThat(DelegationRight.normalised(List.of(DelegationRight.READ_WRITE)))
                .containsExactlyInAnyOrder(DelegationRight.READ, DelegationRight.READ_WRITE);
        assertThat(DelegationRight.normalised(List.of(DelegationRight.SEND_AS))).containsExactly(DelegationRight.SEND_AS);
        assertThat(DelegationRight.normalised(List.of())).isEmpty();
    }

    @Test
    void a_delegates_principal_round_trips_and_an_owners_is_the_bare_address() {
        assertThat(SessionPrincipal.owner("a@b.fr").encode()).isEqualTo("a@b.fr");
        SessionPrincipal delegate = SessionPrincipal.parse(SessionPrincipal.delegate("a@b.fr", "810001234567").encode());
        assertThat(delegate.address()).isEqualTo("a@b.fr");
        assertThat(delegate.delegate()).contains("810001234567");
        assertThat(SessionPrincipal.parse("A@B.fr").delegate()).isEmpty();
        assertThat(SessionPrincipal.parse("A@B.fr").address()).isEqualTo("a@b.fr");
    }

    @Test
    void national_ids_are_rpps_adeli_or_test_identities_and_never_repaired() {
        assertThat(NationalId.parse("810001234567", "nationalId")).isEqualTo("810001234567");
        assertThat(NationalId.parse("0123456789", "nationalId")).isEqualTo("0123456789");
        assertThat(NationalId.parse("ANS20231122132732", "nationalId")).isEqualTo("ANS20231122132732");
        for (String bad : List.of("", "8100012345", " 810001234567", "810001234567 ", "81000123456x", "ans2023")) {
            assertThatThrownBy(() -> NationalId.parse(bad, "nationalId")).as(bad)
                    .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("nationalId: ");
        }
        assertThatThrownBy(() -> NationalId.parse(null, "nationalId")).isInstanceOf(InvalidFieldException.class);
    }
}
