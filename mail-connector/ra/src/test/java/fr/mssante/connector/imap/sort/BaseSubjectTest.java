package fr.mssante.connector.imap.sort;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5256 section 2.1, step by step. */
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
            "=?UTF-8?Q?R=C3=A9sultats?= d'analyse|Résultats d'analyse",
            "=?UTF-8?B?UsOpc3VsdGF0cw==?=   =?ISO-8859-1?Q?_d'analyse?=|Résultats d'analyse",
            "Compte\t\trendu|Compte rendu",
            "=?unknown?Q?x?=|=?unknown?Q?x?=",
    })
    void baseSubject(String subject, String base) {
        assertThat(BaseSubject.of(subject)).isEqualTo(base);
    }

    @org.junit.jupiter.api.Test
    void noSubjectIsEmpty() {
        assertThat(BaseSubject.of(null)).isEmpty();
    }
}
