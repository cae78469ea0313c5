package fr.mssante.connector.api.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** RFC 3461 section 4: xtext. */
class XtextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                         | ''",
            "dr.martin@example.fr       | dr.martin@example.fr",
            "a+2Bb                      | a+b",
            "+3D                        | =",
            "x+20y                      | x y",
            "+2B+2B                     | ++",
            "!~;<>\"                    | !~;<>\"",
            "+41+5A+61                  | AZa",
    })
    void decodes(String xtext, String decoded) {
        assertThat(Xtext.decode(xtext)).isEqualTo(decoded);
    }

    /** "+" and "=" and everything outside 33..126 are hex-encoded, with upper-case digits. */
    @Test
    void encodesWhatIsNotAnXchar() {
        assertThat(Xtext.encode("a+b=c d\u00e9")).isEqualTo("a+2Bb+3Dc+20d+E9");
        assertThat(Xtext.decode(Xtext.encode("rfc822;x+y=z@example.fr"))).isEqualTo("rfc822;x+y=z@example.fr");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "+                | '+' must be followed by two hexadecimal digits",
            "ab+4             | '+' must be followed by two hexadecimal digits",
            "+2b              | '+2b' is not '+' and two upper-case hexadecimal digits",
            "+G0              | '+G0' is not '+' and two upper-case hexadecimal digits",
            "a=b              | character '=' must be encoded as '+XX'",
            "'a b'            | character U+0020 must be encoded as '+XX'",
            "caf\u00e9        | character U+00E9 must be encoded as '+XX'",
    })
    void refusesMalformedText(String xtext, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> Xtext.decode(xtext)).withMessage(reason);
    }

    @Test
    void encodesOnlyOctets() {
        assertThatIllegalArgumentException().isThrownBy(() -> Xtext.encode("\u20ac"));
    }
}
