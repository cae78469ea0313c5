package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhitelistParserTest {

    /** The published structure, with a few real-world operators' shapes of entries. */
    static final String LIST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema">
              <DateDeGeneration>2026-12-01T04:00:02</DateDeGeneration>
              <ListeDomaines>
                <Domaine>
                  <Nom>medimail.mipih.fr</Nom>
                  <Description>Medimail</Description>
                  <DNCertificatOperateur>CN=medimail-asip.mipih.fr,OU=318310021300028,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR</DNCertificatOperateur>
                  <ResponsableContact>rssi@mipih.fr</ResponsableContact>
                  <SupportContact>support@mipih.fr</SupportContact>
                  <DateMAJ>2024-03-18</DateMAJ>
                </Domaine>
                <Domaine>
                  <Nom>CH-Exemple.MSSante.fr</Nom>
                  <Description>Centre hospitalier d'exemple &amp; associés</Description>
                  <DNCertificatOperateur>CN=mx.ch-exemple.fr, OU=26000000000000, O=CH Exemple, C=FR</DNCertificatOperateur>
                </Domaine>
                <Domaine>
                  <Nom>pro.mssante.fr</Nom>
                  <DNCertificatOperateur>CN=mssante.fr,OU=0002 187512751,O=AGENCE DU NUMERIQUE EN SANTE,C=FR</DNCertificatOperateur>
                  <Description/>
                </Domaine>
              </ListeDomaines>
            </ListeBlancheMSSante>
            """;

    @Test
    void reads_every_domain_with_its_operator_and_details() throws Exception {
        WhitelistDocument document = parse(LIST);

        assertThat(document.entries()).extracting(WhitelistEntry::domain)
                .containsExactly("medimail.mipih.fr", "ch-exemple.mssante.fr", "pro.mssante.fr");
        WhitelistEntry mipih = document.entries().get(0);
        assertThat(mipih.operatorDn()).isEqualTo("CN=medimail-asip.mipih.fr,OU=318310021300028,O=GIP MIPIH,ST=Haute-Garonne (31),C=FR");
        assertThat(mipih.description()).isEqualTo("Medimail");
        assertThat(mipih.responsibleContact()).isEqualTo("rssi@mipih.fr");
        assertThat(mipih.supportContact()).isEqualTo("support@mipih.fr");
        assertThat(mipih.updated()).isEqualTo("2024-03-18");
        assertThat(document.entries().get(1).description()).isEqualTo("Centre hospitalier d'exemple & associés");
        assertThat(document.entries().get(1).responsibleContact()).as("optional element absent").isNull();
        assertThat(document.entries().get(2).description()).as("empty element").isNull();
        assertThat(document.generatedText()).isEqualTo("2026-12-01T04:00:02");
        assertThat(document.generatedAt()).isEqualTo(OffsetDateTime.of(2026, 12, 1, 3, 0, 2, 0, ZoneOffset.UTC));
        assertThat(document.warnings()).isEmpty();
    }

    @Test
    void accepts_unqualified_children_under_a_prefixed_root() throws Exception {
        WhitelistDocument document = parse("""
                <lb:ListeBlancheMSSante xmlns:lb="https://listeblanche.mssante.fr/schema">
                  <DateDeGeneration>01/12/2026</DateDeGeneration>
                  <ListeDomaines><Domaine><Nom>a.mssante.fr</Nom><DNCertificatOperateur>CN=a,C=FR</DNCertificatOperateur></Domaine></ListeDomaines>
                </lb:ListeBlancheMSSante>""");
        assertThat(document.entries()).extracting(WhitelistEntry::domain).containsExactly("a.mssante.fr");
        assertThat(document.generatedAt()).isEqualTo(OffsetDateTime.of(2026, 11, 30, 23, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void refuses_the_right_root_in_another_namespace_or_none() {
        assertThatThrownBy(() -> parse(LIST.replace("https://listeblanche.mssante.fr/schema", "https://example.org/schema")))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("expected {https://listeblanche.mssante.fr/schema}");
        assertThatThrownBy(() -> parse(LIST.replace(" xmlns=\"https://listeblanche.mssante.fr/schema\"", "")))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("root element");
        assertThatThrownBy(() -> parse("<html xmlns=\"https://listeblanche.mssante.fr/schema\"><body/></html>"))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("root element");
    }

    @Test
    void refuses_a_truncated_document_wherever_it_is_cut() {
        byte[] whole = LIST.getBytes(StandardCharsets.UTF_8);
        // Every cut before the root's end tag is a truncated download (a cut in the trailing newline is not).
        int end = LIST.indexOf("</ListeBlancheMSSante>") + "</ListeBlancheMSSante>".length();
        for (int length = 0; length < end; length += 7) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> WhitelistParser.parse(cut)).as("cut at %d bytes", length)
                    .isInstanceOf(WhitelistRejectedException.class);
        }
        assertThatThrownBy(() -> WhitelistParser.parse(java.util.Arrays.copyOf(whole, end - 1)))
                .isInstanceOf(WhitelistRejectedException.class);
    }

    @Test
    void refuses_an_external_entity_and_does_not_read_the_file(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cr3t-content");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE ListeBlancheMSSante [<!ENTITY xxe SYSTEM "%s">]>
                <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema">
                  <ListeDomaines><Domaine><Nom>a.mssante.fr</Nom><Description>&xxe;</Description>
                  <DNCertificatOperateur>CN=a,C=FR</DNCertificatOperateur></Domaine></ListeDomaines>
                </ListeBlancheMSSante>""".formatted(secret.toUri());
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(WhitelistRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-content"));
    }

    @Test
    void refuses_any_doctype_even_without_entities() {
        assertThatThrownBy(() -> parse(LIST.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE ListeBlancheMSSante SYSTEM \"http://127.0.0.1:1/x.dtd\">")))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void leaves_out_bad_entries_with_a_warning_and_keeps_the_others() throws Exception {
        WhitelistDocument document = parse(LIST.replace("<ListeDomaines>", """
                <ListeDomaines>
                  <Domaine><Nom>not a domain</Nom><DNCertificatOperateur>CN=x,C=FR</DNCertificatOperateur></Domaine>
                  <Domaine><Nom>h\u00f4pital.fr</Nom><DNCertificatOperateur>CN=y,C=FR</DNCertificatOperateur></Domaine>
                  <Domaine><Nom>no-dn.mssante.fr</Nom></Domaine>
                  <Domaine><DNCertificatOperateur>CN=z,C=FR</DNCertificatOperateur></Domaine>
                  <Domaine><Nom>bad-dn.mssante.fr</Nom><DNCertificatOperateur>not a DN</DNCertificatOperateur></Domaine>
                  <Domaine><Nom>medimail.mipih.fr</Nom><DNCertificatOperateur>CN=first,C=FR</DNCertificatOperateur></Domaine>
                """));
        assertThat(document.entries()).extracting(WhitelistEntry::domain)
                .containsExactly("bad-dn.mssante.fr", "medimail.mipih.fr", "ch-exemple.mssante.fr", "pro.mssante.fr");
        assertThat(document.entries().get(1).operatorDn()).as("the first of duplicates").isEqualTo("CN=first,C=FR");
        assertThat(document.warnings()).hasSize(6);
        assertThat(document.warnings().get(0)).contains("Domaine #1 (not a domain)", "left out");
        assertThat(document.warnings().get(1)).contains("A-label");
        assertThat(document.warnings().get(2)).contains("no-dn.mssante.fr", "no DNCertificatOperateur");
        assertThat(document.warnings().get(3)).contains("Domaine #4", "no Nom");
        assertThat(document.warnings().get(4)).contains("bad-dn.mssante.fr", "not a distinguished name");
        assertThat(document.warnings().get(5)).contains("medimail.mipih.fr", "listed again");
    }

    @Test
    void refuses_a_list_without_any_usable_domain() {
        assertThatThrownBy(() -> parse("""
                <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema">
                  <DateDeGeneration>2026-12-01</DateDeGeneration><ListeDomaines/>
                </ListeBlancheMSSante>""")).isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("no usable domain");
        assertThatThrownBy(() -> parse("""
                <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema">
                  <ListeDomaines><Domaine><Nom>bad domain</Nom><DNCertificatOperateur>CN=a</DNCertificatOperateur></Domaine></ListeDomaines>
                </ListeBlancheMSSante>""")).isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("bad domain");
        assertThatThrownBy(() -> parse("""
                <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>2026-12-01</DateDeGeneration>
                </ListeBlancheMSSante>""")).isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("no ListeDomaines");
    }

    @Test
    void refuses_what_is_not_xml() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(WhitelistRejectedException.class);
        assertThatThrownBy(() -> parse("<html><body>502 Bad Gateway</body>")).isInstanceOf(WhitelistRejectedException.class);
        assertThatThrownBy(() -> parse(LIST + "<trailing/>")).isInstanceOf(WhitelistRejectedException.class);
    }

    @Test
    void an_unknown_generation_date_is_a_warning_not_a_refusal() throws Exception {
        WhitelistDocument document = parse(LIST.replace("2026-12-01T04:00:02", "lundi"));
        assertThat(document.generatedAt()).isNull();
        assertThat(document.generatedText()).isEqualTo("lundi");
        assertThat(document.warnings()).containsExactly("DateDeGeneration 'lundi' is not a recognised date");
    }

    @Test
    void generation_dates_in_the_forms_seen() {
        assertThat(WhitelistParser.generationDate("2026-12-01T04:00:02+01:00"))
                .isEqualTo(OffsetDateTime.of(2026, 12, 1, 3, 0, 2, 0, ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofHours(1)));
        assertThat(WhitelistParser.generationDate("2026-07-01T04:00:02").toInstant())
                .as("summer time in Paris").isEqualTo(OffsetDateTime.of(2026, 7, 1, 2, 0, 2, 0, ZoneOffset.UTC).toInstant());
        assertThat(WhitelistParser.generationDate("01/12/2026 04:00:02").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 12, 1, 3, 0, 2, 0, ZoneOffset.UTC).toInstant());
        assertThat(WhitelistParser.generationDate("2026-12-01").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 11, 30, 23, 0, 0, 0, ZoneOffset.UTC).toInstant());
    }

    private static WhitelistDocument parse(String xml) throws WhitelistRejectedException {
        return WhitelistParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
