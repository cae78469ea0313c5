package fr.mssante.connector.api.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LenientUtf8Test {

    @Test
    void validUtf8IsReadAsUtf8() {
        assertThat(LenientUtf8.decode("Hélène n°1 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("Hélène n°1 😀");
    }

    @Test
    void eachInvalidSequenceIsReadAsWindows1252() {
        byte[] utf8 = "Hélène ".getBytes(StandardCharsets.UTF_8);
        byte[] cp1252 = "Léger \u2013 n°1".getBytes(Charset.forName("windows-1252"));
        byte[] mixed = new byte[utf8.length + cp1252.length];
        System.arraycopy(utf8, 0, mixed, 0, utf8.length);
        System.arraycopy(cp1252, 0, mixed, utf8.length, cp1252.length);
        assertThat(LenientUtf8.decode(mixed)).isEqualTo("Hélène Léger – n°1");
    }

    @Test
    void truncatedSequenceAndUndefinedWindows1252OctetsStayLatin1() {
        assertThat(LenientUtf8.decode(new byte[] {'a', (byte) 0xc3})).isEqualTo("aÃ");
        assertThat(LenientUtf8.decode(new byte[] {(byte) 0x81})).isEqualTo("\u0081");
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        assertThat(LenientUtf8.decode("abcdef".getBytes(StandardCharsets.US_ASCII), 3)).isEqualTo("abc");
    }
}
