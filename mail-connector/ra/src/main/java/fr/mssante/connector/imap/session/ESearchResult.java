package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.SearchReturn;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ESEARCH answer of a SEARCH with RETURN options (RFC 4731 section 3.1). With no match, MIN, MAX
 * and ALL are left out while COUNT is 0, and the ESEARCH response is still sent. After a MODSEQ criterion
 * (RFC 4731 section 3.2), MODSEQ is the highest mod-sequence of the messages returned: all of them when
 * ALL or COUNT is asked, else only the MIN and/or MAX message; it is left out when nothing matched.
 */
final class ESearchResult {

    /** A message found: its number as the client uses it (UID or sequence number) and its MODSEQ, or -1. */
    record Match(long number, long modseq) {
    }

    private ESearchResult() {
    }

    /** @param matches ascending by number */
    static ImapResponse.ESearch of(ImapRequest.Search request, List<Match> matches, boolean modseq) {
        Set<SearchReturn> returns = request.returns();
        Map<String, String> items = new LinkedHashMap<>();
        if (!matches.isEmpty()) {
            if (returns.contains(SearchReturn.MIN)) {
                items.put("MIN", Long.toString(matches.get(0).number()));
            }
            if (returns.contains(SearchReturn.MAX)) {
                items.put("MAX", Long.toString(matches.get(matches.size() - 1).number()));
            }
            if (returns.contains(SearchReturn.ALL)) {
                items.put("ALL", SequenceSet.format(matches.stream().map(Match::number).toList()));
            }
        }
        if (returns.contains(SearchReturn.COUNT)) {
            items.put("COUNT", Integer.toString(matches.size()));
        }
        if (modseq && !matches.isEmpty()) {
            items.put("MODSEQ", Long.toString(highestModseq(returns, matches)));
        }
        return new ImapResponse.ESearch(request.tag(), request.uid(), items);
    }

    private static long highestModseq(Set<SearchReturn> returns, List<Match> matches) {
        if (returns.contains(SearchReturn.ALL) || returns.contains(SearchReturn.COUNT)) {
            return matches.stream().mapToLong(Match::modseq).max().orElse(-1);
        }
        long highest = -1;
        if (returns.contains(SearchReturn.MIN)) {
            highest = matches.get(0).modseq();
        }
        if (returns.contains(SearchReturn.MAX)) {
            highest = Math.max(highest, matches.get(matches.size() - 1).modseq());
        }
        return highest;
    }
}
