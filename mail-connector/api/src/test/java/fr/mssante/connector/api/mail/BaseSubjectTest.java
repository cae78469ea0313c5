package fr.mssante.connector.api.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5256 section 2.1, step by step, on decoded subjects (the decoding is tested with delivery's sort keys). */
class BaseSubjectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Compte rendu|Compte rendu",
            "Re: Compte rendu|Compte rendu",
            "RE:   re: Fwd: Compte rendu|Compte rendu",
            "Fw: Compte rendu (fwd)|Compte rendu",
            "Compte rendu (fwd) (FWD)  |Compte rendu",
            "[mssante] Re: Compte rendu|Compte rendu",
            "Re [2]: Compte rendu|Compte rendu",
            "[Fwd: Re: Compte rendu]|Compte rendu",
            "[labo]|[labo]",
            "[labo] [urgent] Résultats|Résultats",
            "Re:|''",
            "Résultats  d'analyse|Résultats d'analyse",
            "Compte\t\trendu|Compte rendu",
            "Re: Re:\t [Fwd: Re: Bilan] (fwd)|Bilan",
    })
    void baseSubject(String subject, String base) {
        assertThat(BaseSubject.of(subject)).isEqualTo(base);
    }

    @org.junit.jupiter.api.Test
    void noSubjectIsEmpty() {
        assertThat(BaseSubject.of(null)).isEmpty();
    }
}
