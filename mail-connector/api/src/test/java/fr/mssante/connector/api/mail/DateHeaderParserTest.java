package fr.mssante.connector.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one Date header parser (RFC 5322 3.3 and 4.3), used by delivery, SEARCH SENT* and SORT (DATE). */
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
        "2024-03-15T10:15:00+01:00|2024-03-15T10:15:00+01:00",
        "6 Jan 2025 09:15 GMT|2025-01-06T09:15:00Z",
        "Tue, 1 Jul 03 10:52:37 EDT (comment)|2003-07-01T10:52:37-04:00",
        "06 Janvier 2025 09:15:00 +0100|2025-01-06T09:15:00+01:00",
        "Mon Jan  6 09:15:00 CET 2025|2025-01-06T09:15:00+01:00",
        "Mon, 06-Jan-2025 23:30:00 -0500|2025-01-06T23:30:00-05:00",
        "Mon, 6 Jan 2025 23:30:00 Z|2025-01-06T23:30:00Z",
        "Mon, 6 Jan 2025 23:30:00 +0000 (UTC)|2025-01-06T23:30:00Z"})
    void parses(String header, String expected) {
        assertThat(DateHeaderParser.parse(header)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @Test
    void aFoldedFieldParses() {
        assertThat(DateHeaderParser.parse("  Mon,\r\n 6 Jan 2025 23:30:00 +1300"))
                .isEqualTo(OffsetDateTime.parse("2025-01-06T23:30:00+13:00"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "demain", "31 Feb 2024 10:00:00 +0100", "15 Mar 2024", "Fri, 15 Xyz 2024 10:15:00", "yesterday", "32 Jan 2025 09:15:00 +0100"})
    void unparsableIsNull(String header) {
        assertThat(DateHeaderParser.parse(header)).isNull();
    }
}
