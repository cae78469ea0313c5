package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SearchKey.Comparison;

/** BEFORE/ON/SINCE and SENT*: calendar date in the stored offset, around midnight. */
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
                .sentDate("2024-03-15T23:30:00+14:00");

        assertThat(matches(sent(Comparison.ON, "2024-03-15"), msg)).isTrue();
        assertThat(matches(sent(Comparison.BEFORE, "2024-03-16"), msg)).isTrue();
        assertThat(matches(sent(Comparison.BEFORE, "2024-03-15"), msg)).isFalse();
        assertThat(matches(sent(Comparison.SINCE, "2024-03-16"), msg)).isFalse();
        assertThat(matches(internal(Comparison.ON, "2024-03-15"), msg)).isFalse();
        assertThat(matches(internal(Comparison.ON, "2024-03-20"), msg)).isTrue();
    }

    @Test
    void nullSentDateNeverMatchesButNotOfItDoes() {
        Candidates msg = message().sentDate(null);

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
