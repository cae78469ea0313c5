package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateHeaderParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Fri, 15 Mar 2024 10:15:00 +0100|2024-03-15T10:15:00+01:00",
        "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)|1996-07-17T02:23:25-07:00",
        "15 Mar 2024 10:15 +0100|2024-03-15T10:15:00+01:00",
        "Fri, 15 Mar 24 10:15:00 GMT|2024-03-15T10:15:00Z",
        "Fri, 15 Mar 99 10:15:00 EST|1999-03-15T10:15:00-05:00",
        "Fri, 15 Mar 2024 10:15:00 -0000|2024-03-15T10:15:00Z",
        "Fri, 15 Mar 2024 10:15:00|2024-03-15T10:15:00Z",
        "Fri,15 Mar 2024 10:15:00 +0100 (CET)|2024-03-15T10:15:00+01:00",
        "Fri, 15 March 2024 10:15:00 GMT+0200|2024-03-15T10:15:00+02:00",
        "Wed Jul 17 02:23:25 1996|1996-07-17T02:23:25Z",
        "Sat, 31 Dec 2016 23:59:60 +0000|2016-12-31T23:59:59Z",
        "2024-03-15T10:15:00+01:00|2024-03-15T10:15:00+01:00"})
    void parses(String header, String expected) {
        assertThat(DateHeaderParser.parse(header)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "demain", "31 Feb 2024 10:00:00 +0100", "15 Mar 2024", "Fri, 15 Xyz 2024 10:15:00"})
    void unparsableIsNull(String header) {
        assertThat(DateHeaderParser.parse(header)).isNull();
    }
}
