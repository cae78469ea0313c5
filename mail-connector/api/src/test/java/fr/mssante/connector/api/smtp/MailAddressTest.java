package fr.mssante.connector.api.smtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical form of envelope addresses (ADR 0030). */
class MailAddressTest {

    @Test
    void domainsAreLowerCaseALabels() {
        assertThat(MailAddress.parse("Dr.House@H\u00d4pital.Example.FR"))
                .isEqualTo(new MailAddress("Dr.House", "xn--hpital-ixa.example.fr"));
        assertThat(MailAddress.parse("a@xn--hpital-ixa.example.fr")).isEqualTo(MailAddress.parse("a@h\u00f4pital.example.fr"));
    }

    /** RFC 6532 section 3.1: NFC; "e" + U+0301 and the precomposed "é" are one local part. Case is kept. */
    @Test
    void localPartsAreNfcWithTheirCase() {
        MailAddress decomposed = MailAddress.parse("Me\u0301decin@hopital.fr");
        assertThat(decomposed).isEqualTo(MailAddress.parse("M\u00e9decin@hopital.fr"));
        assertThat(decomposed.localPart()).isEqualTo("M\u00e9decin");
        assertThat(decomposed).isNotEqualTo(MailAddress.parse("m\u00e9decin@hopital.fr"));
    }

    /** RFC 6531 section 3.3: the RFC 5321 limits count octets of UTF-8. */
    @Test
    void lengthLimitsCountOctets() {
        assertThat(MailAddress.parse("\u00e9".repeat(32) + "@hopital.fr").localPart()).hasSize(32);
        assertThatThrownBy(() -> MailAddress.parse("\u00e9".repeat(32) + "x@hopital.fr"))
                .hasMessageContaining("64 octets");
    }

    /** 60 characters fit a label as a U-label, not once encoded as an A-label (63 octets, RFC 5890). */
    @Test
    void aDomainWhoseALabelIsTooLongIsRefused() {
        assertThatThrownBy(() -> MailAddress.parse("a@" + "\u00e9".repeat(60) + ".fr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid internationalized domain");
    }
}
