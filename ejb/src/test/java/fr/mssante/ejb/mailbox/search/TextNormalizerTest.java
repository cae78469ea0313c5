package fr.mssante.ejb.mailbox.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void lowerCasesAndKeepsAccents() {
        assertThat(TextNormalizer.normalize("ÉCHOGRAPHIE Cardiaque")).isEqualTo("échographie cardiaque");
    }

    @Test
    void decomposedAccentsAreComposed() {
        // "E" + COMBINING ACUTE ACCENT, as some encoders emit (NFD), equals the precomposed form.
        assertThat(TextNormalizer.normalize("E\u0301cho")).isEqualTo("\u00e9cho");
    }

    @Test
    void doesNotStripAccents() {
        assertThat(TextNormalizer.normalize("Hélène")).doesNotContain("helene");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
        assertThat(TextNormalizer.normalize("")).isEmpty();
    }

    @Test
    void independentOfDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            // A Turkish default locale would lower-case "I" to dotless "ı".
            assertThat(TextNormalizer.normalize("INFIRMIER")).isEqualTo("infirmier");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
