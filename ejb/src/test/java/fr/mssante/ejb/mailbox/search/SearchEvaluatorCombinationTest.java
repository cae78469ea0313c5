package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** AND, OR, NOT, ALL and reuse of one compiled predicate. */
class SearchEvaluatorCombinationTest {

    private final Candidates msg = message().uid(7).flags("\\Seen").size(5000).headers(HEADERS)
            .body("Résultats normaux.");

    @Test
    void allMatches() {
        assertThat(matches(new SearchKey.All(), msg)).isTrue();
    }

    @Test
    void emptyAndIsAll() {
        assertThat(matches(new SearchKey.And(List.of()), msg)).isTrue();
    }

    @Test
    void andRequiresEveryKey() {
        SearchKey key = new SearchKey.And(List.of(new SearchKey.Flag("\\Seen", true),
                header("subject", "hospitalisation"), body("normaux"), uids(5, 9)));

        assertThat(matches(key, msg)).isTrue();
        assertThat(matches(key, msg.uid(10))).isFalse();
    }

    @Test
    void singleElementAnd() {
        assertThat(matches(new SearchKey.And(List.of(body("normaux"))), msg)).isTrue();
        assertThat(matches(new SearchKey.And(List.of(body("anormaux"))), msg)).isFalse();
    }

    @Test
    void orNeedsEitherKey() {
        assertThat(matches(new SearchKey.Or(header("from", "nobody"), body("normaux")), msg)).isTrue();
        assertThat(matches(new SearchKey.Or(header("from", "andré"), body("absent")), msg)).isTrue();
        assertThat(matches(new SearchKey.Or(header("from", "nobody"), body("absent")), msg)).isFalse();
    }

    @Test
    void notInverts() {
        assertThat(matches(new SearchKey.Not(new SearchKey.Flag("\\Seen", true)), msg)).isFalse();
        assertThat(matches(new SearchKey.Not(new SearchKey.Not(new SearchKey.All())), msg)).isTrue();
    }

    @Test
    void unseenOrLargeNotFromSecretariat() {
        // UNSEEN OR LARGER 4000 SUBJECT "rendu" NOT FROM "secretariat"
        SearchKey key = new SearchKey.And(List.of(
                new SearchKey.Or(new SearchKey.Flag("\\Seen", false),
                        new SearchKey.And(List.of(new SearchKey.Size(true, 4000), header("subject", "rendu")))),
                new SearchKey.Not(header("from", "secretariat"))));

        assertThat(matches(key, msg)).isTrue();
        assertThat(matches(key, msg.size(3000))).isFalse();
        assertThat(matches(key, msg.flags())).isTrue();
    }

    @Test
    void compiledPredicateIsReusableAcrossCandidates() {
        Predicate<SearchCandidate> p = SearchEvaluator.compile(
                new SearchKey.Or(header("subject", "bilan"), body("bilan")));

        assertThat(p.test(message().headers("Subject: Bilan\r\n").body(null).build())).isTrue();
        assertThat(p.test(message().headers("Subject: autre\r\n").body("BILAN").build())).isTrue();
        assertThat(p.test(message().headers("Subject: autre\r\n").body("rien").build())).isFalse();
    }

    @Test
    void nullKeyIsRejected() {
        assertThatThrownBy(() -> SearchEvaluator.compile(null)).isInstanceOf(NullPointerException.class);
    }
}
