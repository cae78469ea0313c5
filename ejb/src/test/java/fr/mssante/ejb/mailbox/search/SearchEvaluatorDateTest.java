package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SearchKey.Comparison;

/** BEFORE/ON/SINCE and SENT*: calendar date in the message's own offset, around midnight. */
class SearchEvaluatorDateTest {

    @Test
    void internalDateBeforeOnSince() {
        Candidates msg = message().internalDate("2024-03-15T10:00:00+01:00");

        assertThat(matches(internal(Comparison.BEFORE, "2024-03-15"), msg)).isFalse();
        assertThat(matches(internal(Comparison.BEFORE, "2024-03-16"), msg)).isTrue();
        assertThat(matches(internal(Comparison.ON, "2024-03-15"), msg)).isTrue();
        assertThat(matches(internal(Comparison.ON, "2024-03-14"), msg)).isFalse();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-15"), msg)).isTrue();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-16"), msg)).isFalse();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-14"), msg)).isTrue();
    }

    @Test
    void justAfterMidnightInOwnOffsetIsThatDay() {
        // 00:30 in Paris is still the 14th in UTC; the message's own offset decides.
        Candidates msg = message().internalDate("2024-03-15T00:30:00+01:00");

        assertThat(matches(internal(Comparison.ON, "2024-03-15"), msg)).isTrue();
        assertThat(matches(internal(Comparison.ON, "2024-03-14"), msg)).isFalse();
        assertThat(matches(internal(Comparison.BEFORE, "2024-03-15"), msg)).isFalse();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-15"), msg)).isTrue();
    }

    @Test
    void justBeforeMidnightInOwnOffsetIsThatDay() {
        // 23:59:59 at -05:00 is already the 16th in UTC.
        Candidates msg = message().internalDate("2024-03-15T23:59:59-05:00");

        assertThat(matches(internal(Comparison.ON, "2024-03-15"), msg)).isTrue();
        assertThat(matches(internal(Comparison.BEFORE, "2024-03-16"), msg)).isTrue();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-16"), msg)).isFalse();
    }

    @Test
    void exactMidnight() {
        Candidates msg = message().internalDate("2024-03-16T00:00:00Z");

        assertThat(matches(internal(Comparison.ON, "2024-03-16"), msg)).isTrue();
        assertThat(matches(internal(Comparison.BEFORE, "2024-03-16"), msg)).isFalse();
        assertThat(matches(internal(Comparison.SINCE, "2024-03-16"), msg)).isTrue();
    }

    @Test
    void sentDatesUseDateHeaderNotInternalDate() {
        Candidates msg = message().internalDate("2024-03-20T08:00:00+01:00")
                .dateField("Fri, 15 Mar 2024 23:30:00 +1400");

        assertThat(matches(sent(Comparison.ON, "2024-03-15"), msg)).isTrue();
        assertThat(matches(sent(Comparison.BEFORE, "2024-03-16"), msg)).isTrue();
        assertThat(matches(sent(Comparison.BEFORE, "2024-03-15"), msg)).isFalse();
        assertThat(matches(sent(Comparison.SINCE, "2024-03-16"), msg)).isFalse();
        assertThat(matches(internal(Comparison.ON, "2024-03-15"), msg)).isFalse();
        assertThat(matches(internal(Comparison.ON, "2024-03-20"), msg)).isTrue();
    }

    /**
     * RFC 3501 6.4.4: the date of the Date field "disregarding time and timezone": 23:30 at -0500 is the
     * 15th although the instant is the 16th in UTC, and 00:10 at +0200 the 16th although it is the 15th
     * in UTC. The parse keeps the written offset, obsolete zone names included (RFC 5322 4.3).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Fri, 15 Mar 2024 23:30:00 -0500|2024-03-15",
        "Sat, 16 Mar 2024 00:10:00 +0200|2024-03-16",
        "Fri, 15 Mar 2024 23:30:00 EST|2024-03-15",
        "15 Mar 24 23:30 PDT|2024-03-15",
        "Fri Mar 15 23:30:00 2024|2024-03-15",
        "Sat, 16 Mar 2024 00:10:00 +0200 (CEST)|2024-03-16"})
    void sentDateIsTheWrittenDateInItsOwnZone(String dateField, String day) {
        Candidates msg = message().dateField(dateField);
        java.time.LocalDate date = java.time.LocalDate.parse(day);

        assertThat(matches(sent(Comparison.ON, date.toString()), msg)).isTrue();
        assertThat(matches(sent(Comparison.ON, date.minusDays(1).toString()), msg)).isFalse();
        assertThat(matches(sent(Comparison.ON, date.plusDays(1).toString()), msg)).isFalse();
        assertThat(matches(sent(Comparison.SINCE, date.toString()), msg)).isTrue();
        assertThat(matches(sent(Comparison.SINCE, date.plusDays(1).toString()), msg)).isFalse();
        assertThat(matches(sent(Comparison.BEFORE, date.toString()), msg)).isFalse();
        assertThat(matches(sent(Comparison.BEFORE, date.plusDays(1).toString()), msg)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "demain", "32 Mar 2024 10:00:00 +0100", "15 Mar 2024"})
    void noOrUnparseableDateFieldNeverMatchesSentKeysButNotOfThemDoes(String dateField) {
        Candidates msg = message().dateField(dateField);

        for (Comparison comparison : Comparison.values()) {
            assertThat(matches(sent(comparison, "2024-03-15"), msg)).isFalse();
            assertThat(matches(new SearchKey.Not(sent(comparison, "2024-03-15")), msg)).isTrue();
        }
    }

    @Test
    void nullInternalDateNeverMatches() {
        assertThat(matches(internal(Comparison.SINCE, "1970-01-01"), message().internalDate(null))).isFalse();
    }
}
