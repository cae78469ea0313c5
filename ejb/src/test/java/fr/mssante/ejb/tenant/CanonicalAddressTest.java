package fr.mssante.ejb.tenant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalAddressTest {

    @Test
    void lower_cases_the_whole_address() {
        CanonicalAddress address = CanonicalAddress.parse("Dr.Martin@Hopital-Demo.MSSante.fr", "address");
        assertThat(address.value()).isEqualTo("dr.martin@hopital-demo.mssante.fr");
        assertThat(address.domain().name()).isEqualTo("hopital-demo.mssante.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@clinique-autre.mssante.fr ", " x@clinique-autre.mssante.fr", "x@clinique-autre.mssante.fr\t",
            "x@clinique-autre.mssante.fr\n", "x@clinique\u200b-autre.mssante.fr", "x\u00a0@clinique-autre.mssante.fr",
            "x@clinique-autre.mssante.fr\u0000", "\ufeffx@clinique-autre.mssante.fr"})
    void refuses_spaces_controls_and_invisible_characters_anywhere(String raw) {
        assertThatThrownBy(() -> CanonicalAddress.parse(raw, "address"))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("address"))
                .hasMessageContaining("U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@\uff43linique-autre.mssante.fr", "x@clinique-\u0430utre.mssante.fr", "x@h\u00f4pital.fr"})
    void refuses_unicode_domains_and_points_to_the_a_label(String raw) {
        assertThatThrownBy(() -> CanonicalAddress.parse(raw, "address")).hasMessageContaining("A-label");
    }

    @Test
    void an_a_label_domain_is_accepted_as_is() {
        assertThat(CanonicalAddress.parse("a@XN--HPITAL-DVA.fr", "address").value()).isEqualTo("a@xn--hpital-dva.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0445@hopital-demo.mssante.fr", "\"quoted\"@hopital-demo.mssante.fr", ".a@hopital-demo.mssante.fr",
            "a..b@hopital-demo.mssante.fr", "a.@hopital-demo.mssante.fr"})
    void refuses_local_parts_that_are_not_an_ascii_dot_atom(String raw) {
        assertThatThrownBy(() -> CanonicalAddress.parse(raw, "address")).hasMessageContaining("local part");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a@", "@hopital-demo.mssante.fr", "a@localhost", "a@-x.fr", "a@x-.fr", "a@x..fr", "a@x.fr.",
            "a@[127.0.0.1]", "a@x_y.fr", "a%40hopital-demo.mssante.fr"})
    void refuses_what_is_not_an_address_of_a_hosted_domain(String raw) {
        assertThatThrownBy(() -> CanonicalAddress.parse(raw, "address")).isInstanceOf(InvalidFieldException.class);
    }

    @Test
    void enforces_the_rfc_5321_lengths() {
        String domain = "@hopital-demo.mssante.fr";
        assertThat(CanonicalAddress.parse("a".repeat(64) + domain, "address").localPart()).hasSize(64);
        assertThatThrownBy(() -> CanonicalAddress.parse("a".repeat(65) + domain, "address")).hasMessageContaining("64");
        String longDomain = ("a".repeat(60) + ".").repeat(5) + "fr";
        assertThatThrownBy(() -> CanonicalAddress.parse("a@" + longDomain, "address")).hasMessageContaining("254");
        assertThatThrownBy(() -> CanonicalDomain.parse("a".repeat(64) + ".fr", "domain")).hasMessageContaining("63");
    }

    @Test
    void a_null_or_empty_value_names_the_field() {
        assertThatThrownBy(() -> CanonicalAddress.parse(null, "owner")).hasMessage("owner: an address is required");
        assertThatThrownBy(() -> CanonicalDomain.parse("", "name")).hasMessage("name: a domain name is required");
    }
}
