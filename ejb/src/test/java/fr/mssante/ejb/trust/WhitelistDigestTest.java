package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhitelistDigestTest {

    private static final byte[] LIST = WhitelistParserTest.LIST.getBytes(StandardCharsets.UTF_8);

    @Test
    void sha256_of_a_known_input() {
        // FIPS 180-2 appendix B.1
        assertThat(WhitelistDigest.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "%s\n", "%s  listeblanchemssante.xml\n", "%s *listeblanchemssante.xml", "  %s\r\n", "UPPER"})
    void accepts_the_forms_sha256sum_and_publishers_write(String form) throws Exception {
        String hex = WhitelistDigest.sha256(LIST);
        String file = form.equals("UPPER") ? hex.toUpperCase(Locale.ROOT) : form.formatted(hex);
        assertThat(WhitelistDigest.verify(LIST, file.getBytes(StandardCharsets.US_ASCII))).isEqualTo(hex);
    }

    @Test
    void refuses_a_file_whose_digest_differs() {
        String other = WhitelistDigest.sha256("another list".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> WhitelistDigest.verify(LIST, (other + "  listeblanchemssante.xml").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(WhitelistRejectedException.class)
                .hasMessageContaining("SHA-256 mismatch").hasMessageContaining(other).hasMessageContaining(WhitelistDigest.sha256(LIST));
    }

    @Test
    void refuses_a_file_altered_by_one_byte() {
        byte[] altered = LIST.clone();
        altered[altered.length / 2] ^= 1;
        assertThatThrownBy(() -> WhitelistDigest.verify(altered, WhitelistDigest.sha256(LIST).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("mismatch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a digest", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff", "<html>404</html>",
            "SHA256 (listeblanchemssante.xml) = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void refuses_a_digest_file_without_a_sha256(String file) {
        assertThatThrownBy(() -> WhitelistDigest.published(file.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("no SHA-256 digest");
    }
}
