package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** LARGER/SMALLER, MODSEQ (RFC 7162 3.1.5) and UID sets. */
class SearchEvaluatorScalarTest {

    @Test
    void largerAndSmallerAreStrict() {
        Candidates msg = message().size(1000);

        assertThat(matches(new SearchKey.Size(true, 999), msg)).isTrue();
        assertThat(matches(new SearchKey.Size(true, 1000), msg)).isFalse();
        assertThat(matches(new SearchKey.Size(false, 1001), msg)).isTrue();
        assertThat(matches(new SearchKey.Size(false, 1000), msg)).isFalse();
    }

    @Test
    void modSeqIsGreaterOrEqual() {
        Candidates msg = message().modseq(42);

        assertThat(matches(new SearchKey.ModSeq(41), msg)).isTrue();
        assertThat(matches(new SearchKey.ModSeq(42), msg)).isTrue();
        assertThat(matches(new SearchKey.ModSeq(43), msg)).isFalse();
    }

    @Test
    void uidRanges() {
        SearchKey key = uids(1, 3, 10, Long.MAX_VALUE);

        assertThat(matches(key, message().uid(1))).isTrue();
        assertThat(matches(key, message().uid(3))).isTrue();
        assertThat(matches(key, message().uid(4))).isFalse();
        assertThat(matches(key, message().uid(9))).isFalse();
        assertThat(matches(key, message().uid(10))).isTrue();
        assertThat(matches(key, message().uid(4_294_967_295L))).isTrue();
    }

    @Test
    void emptyUidSetMatchesNothing() {
        assertThat(matches(uids(), message())).isFalse();
    }
}
