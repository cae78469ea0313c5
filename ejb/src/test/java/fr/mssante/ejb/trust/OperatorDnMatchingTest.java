package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.security.auth.x500.X500Principal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a peer's certificate subject is the operator a whitelist entry declares
 * ({@link TrustedDomain#declares}) and which domains an operator serves ({@link WhitelistSnapshot#domainsOf}),
 * with the spellings certificates and the published list actually use.
 */
class OperatorDnMatchingTest {

    private static final String PUBLISHED = "CN=medimail-asip.mipih.fr,OU=318310021300028,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR";
    private static final TrustedDomain MIPIH = new TrustedDomain("medimail.mipih.fr", PUBLISHED, "Medimail");

    @ParameterizedTest
    @ValueSource(strings = {
            PUBLISHED,
            "CN=medimail-asip.mipih.fr, OU=318310021300028, O=GIP MIPIH, ST=Haute-Garonne (31), C=FR",
            "cn=medimail-asip.mipih.fr,ou=318310021300028,o=GIP MIPIH,st=Haute-Garonne (31),c=FR",
            "CN=MEDIMAIL-ASIP.MIPIH.FR,OU=318310021300028,O=gip mipih,ST=haute-garonne (31),C=fr",
            "CN=medimail-asip.mipih.fr,OU=318310021300028,O=GIP  MIPIH,ST=Haute-Garonne (31),C=FR",
            "CN = medimail-asip.mipih.fr , OU = 318310021300028,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR"})
    void the_same_subject_however_spaced_or_cased(String certificateSubject) {
        assertThat(MIPIH.declares(new X500Principal(certificateSubject))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "C=FR,ST=Haute-Garonne (31),O=GIP MIPIH,OU=318310021300028,CN=medimail-asip.mipih.fr",
            "CN=medimail-asip.mipih.fr,OU=318310021300029,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR",
            "CN=medimail-asip.mipih.fr,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR",
            "CN=medimail-asip.mipih.fr.evil.example,OU=318310021300028,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR",
            "CN=medimail-asip.mipih.fr"})
    void another_subject_order_value_or_attribute_set_is_another_operator(String certificateSubject) {
        assertThat(MIPIH.declares(new X500Principal(certificateSubject))).isFalse();
    }

    @Test
    void an_unparsable_declared_dn_matches_nothing() {
        assertThat(new TrustedDomain("x.mssante.fr", "not a DN", "").declares(new X500Principal("CN=not a DN"))).isFalse();
    }

    @Test
    void the_snapshot_finds_every_domain_of_an_operator_whatever_the_spelling() {
        WhitelistSnapshot snapshot = WhitelistSnapshot.of(null, List.of(
                new WhitelistEntry("medimail.mipih.fr", PUBLISHED, "Medimail", null, null, null),
                new WhitelistEntry("autre.mipih.fr", PUBLISHED.replace(",", ", "), null, null, null, null),
                new WhitelistEntry("pro.mssante.fr", "CN=mssante.fr,O=ANS,C=FR", null, null, null, null),
                new WhitelistEntry("broken.mssante.fr", "not a DN", null, null, null, null)));

        assertThat(snapshot.domainsOf(new X500Principal(PUBLISHED.toLowerCase())))
                .extracting(TrustedDomain::domain).containsExactly("autre.mipih.fr", "medimail.mipih.fr");
        assertThat(snapshot.domainsOf(new X500Principal("CN=mssante.fr, O=ANS, C=FR")))
                .extracting(TrustedDomain::domain).containsExactly("pro.mssante.fr");
        assertThat(snapshot.domainsOf(new X500Principal("CN=unknown,C=FR"))).isEmpty();
        assertThat(snapshot.lookup("broken.mssante.fr")).isPresent();
        assertThat(snapshot.lookup("medimail.mipih.fr")).get().extracting(TrustedDomain::description).isEqualTo("Medimail");
        assertThat(snapshot.lookup("unknown.mssante.fr")).isEmpty();
        assertThat(snapshot.entries()).extracting(WhitelistEntry::domain)
                .containsExactly("autre.mipih.fr", "broken.mssante.fr", "medimail.mipih.fr", "pro.mssante.fr");
    }
}
