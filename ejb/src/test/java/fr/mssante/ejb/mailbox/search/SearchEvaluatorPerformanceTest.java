package fr.mssante.ejb.mailbox.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** One compiled predicate over a 10,000-message folder; asserts the count only, not the time. */
class SearchEvaluatorPerformanceTest {

    private static final int COUNT = 10_000;

    @Test
    void compiledPredicateOverTenThousandCandidates() {
        List<SearchCandidate> folder = new ArrayList<>(COUNT);
        OffsetDateTime start = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1));
        for (int i = 1; i <= COUNT; i++) {
            String subject = i % 10 == 0
                    ? "=?UTF-8?Q?Compte-rendu_d'hospitalisation_n=C2=B0" + i + "?="
                    : "Rendez-vous n " + i;
            String headers = "From: =?UTF-8?Q?Dr_Andr=C3=A9_" + i + "?= <dr" + i + "@chu.example>\r\n"
                    + "To: patient@example.org\r\n"
                    + "Subject: " + subject + "\r\n"
                    + "\tsuite\r\n";
            String body = i % 7 == 0 ? "Échographie de contrôle prévue." : "Pas d'examen.";
            List<String> flags = i % 2 == 0 ? List.of("\\Seen") : List.of();
            folder.add(new SearchCandidate(i, i, flags, start.plusHours(i), 1000 + i, headers, body));
        }
        // UID 1:* SEEN (OR SUBJECT "HOSPITALISATION" BODY "ÉCHOGRAPHIE") SINCE 1-Feb-2024
        SearchKey key = new SearchKey.And(List.of(
                new SearchKey.Uids(List.<long[]>of(new long[] {1, Long.MAX_VALUE})),
                new SearchKey.Flag("\\SEEN", true),
                new SearchKey.Or(new SearchKey.Header("SUBJECT", "HOSPITALISATION"),
                        new SearchKey.Text("ÉCHOGRAPHIE", false)),
                new SearchKey.Date(SearchKey.Comparison.SINCE, LocalDate.of(2024, 2, 1), false)));

        Predicate<SearchCandidate> predicate = SearchEvaluator.compile(key);
        long matched = folder.stream().filter(predicate).count();

        assertThat(matched).isEqualTo(expected(start)).isPositive();
    }

    /** The same selection computed directly from the generation rules. */
    private static long expected(OffsetDateTime start) {
        long n = 0;
        for (int i = 1; i <= COUNT; i++) {
            boolean seen = i % 2 == 0;
            boolean text = i % 10 == 0 || i % 7 == 0;
            boolean since = !start.plusHours(i).toLocalDate().isBefore(LocalDate.of(2024, 2, 1));
            if (seen && text && since) {
                n++;
            }
        }
        return n;
    }
}
