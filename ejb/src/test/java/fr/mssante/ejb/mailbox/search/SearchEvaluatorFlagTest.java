package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** Flag and keyword keys, present or absent, case-insensitive. */
class SearchEvaluatorFlagTest {

    private final Candidates msg = message().flags("\\Seen", "\\Flagged", "$Label1", "NonJunk");

    @Test
    void systemFlagsCaseInsensitive() {
        assertThat(matches(new SearchKey.Flag("\\Seen", true), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("\\SEEN", true), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("\\flagged", true), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("\\Answered", true), msg)).isFalse();
    }

    @Test
    void absentFlag() {
        assertThat(matches(new SearchKey.Flag("\\seen", false), msg)).isFalse();
        assertThat(matches(new SearchKey.Flag("\\Deleted", false), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("\\Seen", false), message().flags())).isTrue();
    }

    @Test
    void keywordsCaseInsensitive() {
        assertThat(matches(new SearchKey.Flag("$label1", true), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("nonjunk", true), msg)).isTrue();
        assertThat(matches(new SearchKey.Flag("$Label2", true), msg)).isFalse();
        assertThat(matches(new SearchKey.Flag("$LABEL1", false), msg)).isFalse();
    }

    @Test
    void nullFlagListIsEmpty() {
        SearchCandidate c = new SearchCandidate(1, 1, null, null, 0, null, null);

        assertThat(c.flags()).isEmpty();
        assertThat(SearchEvaluator.compile(new SearchKey.Flag("\\Seen", false)).test(c)).isTrue();
    }
}
