package fr.mssante.ejb.mailbox.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

class SearchNeedsTest {

    @Test
    void smallColumnKeysNeedNothing() {
        SearchKey key = new SearchKey.And(List.of(new SearchKey.All(), new SearchKey.Flag("\\Seen", true),
                new SearchKey.Uids(List.<long[]>of(new long[] {1, 5})),
                new SearchKey.Date(SearchKey.Comparison.ON, LocalDate.of(2024, 1, 1), false),
                new SearchKey.Size(true, 10), new SearchKey.ModSeq(3)));

        SearchNeeds needs = SearchNeeds.of(key);

        assertThat(needs.headers()).isFalse();
        assertThat(needs.body()).isFalse();
    }

    @Test
    void sentDateKeysNeedTheHeaderForTheDateFieldAsWritten() {
        SearchNeeds needs = SearchNeeds.of(new SearchKey.Not(
                new SearchKey.Date(SearchKey.Comparison.SINCE, LocalDate.of(2024, 1, 1), true)));

        assertThat(needs.headers()).isTrue();
        assertThat(needs.body()).isFalse();
    }

    @Test
    void headerKeyNeedsHeadersOnly() {
        SearchNeeds needs = SearchNeeds.of(new SearchKey.Header("Subject", "x"));

        assertThat(needs.headers()).isTrue();
        assertThat(needs.body()).isFalse();
    }

    @Test
    void bodyKeyNeedsBodyOnly() {
        SearchNeeds needs = SearchNeeds.of(new SearchKey.Text("x", false));

        assertThat(needs.headers()).isFalse();
        assertThat(needs.body()).isTrue();
    }

    @Test
    void textKeyNeedsBoth() {
        SearchNeeds needs = SearchNeeds.of(new SearchKey.Text("x", true));

        assertThat(needs.headers()).isTrue();
        assertThat(needs.body()).isTrue();
    }

    @Test
    void nestedKeysUnderNotAndOrCount() {
        SearchKey key = new SearchKey.And(List.of(new SearchKey.Flag("\\Seen", false),
                new SearchKey.Or(new SearchKey.All(), new SearchKey.Not(new SearchKey.Header("From", "a"))),
                new SearchKey.Not(new SearchKey.Or(new SearchKey.Size(true, 1), new SearchKey.Text("b", false)))));

        SearchNeeds needs = SearchNeeds.of(key);

        assertThat(needs.headers()).isTrue();
        assertThat(needs.body()).isTrue();
    }

    @Test
    void emptyAndNeedsNothing() {
        assertThat(SearchNeeds.of(new SearchKey.And(List.of())))
                .isEqualTo(SearchNeeds.of(new SearchKey.All()))
                .hasToString("SearchNeeds[headers=false, body=false]");
    }
}
