package fr.mssante.connector.imap.request;

import fr.mssante.connector.api.mail.LenientUtf8;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SearchKey.Comparison;
import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEARCH criteria (RFC 3501 section 6.4.4 and the {@code search-key} rule of section 9, plus the
 * MODSEQ key of RFC 7162 section 3.1.5) and the SORT and THREAD commands (RFC 5256 section 3), which end
 * with the same criteria.
 */
final class SearchParser {

    private SearchParser() {
    }

    /**
     * {@code [RETURN (options) SP] [CHARSET x SP] search-key *(SP search-key)}, after "SEARCH SP"
     * (RFC 4731 section 7: {@code search-return-opts} come before the charset).
     */
    static ImapRequest.Search search(String tag, boolean uid, ImapReader reader) throws ImapSyntaxException {
        Set<ImapRequest.SearchReturn> returns = null;
        if (peekWord(reader, "RETURN")) {
            reader.atom();
            reader.sp();
            returns = returnOptions(reader);
            reader.sp();
        }
        String charset = null;
        if (peekWord(reader, "CHARSET")) {
            reader.atom();
            reader.sp();
            charset = reader.astringUtf8();
            reader.sp();
        }
        return new ImapRequest.Search(tag, uid, returns, charset, keys(reader));
    }

    /** {@code "(" [search-return-opt *(SP search-return-opt)] ")"}; empty means ALL (RFC 4731 section 3.1). */
    private static Set<ImapRequest.SearchReturn> returnOptions(ImapReader reader) throws ImapSyntaxException {
        reader.expect('(');
        Set<ImapRequest.SearchReturn> returns = EnumSet.noneOf(ImapRequest.SearchReturn.class);
        if (reader.peek() != ')') {
            do {
                String word = reader.atom().toUpperCase(Locale.ROOT);
                try {
                    returns.add(ImapRequest.SearchReturn.valueOf(word));
                } catch (IllegalArgumentException e) {
                    throw new ImapSyntaxException("Unknown search return option " + word);
                }
            } while (reader.more());
        }
        reader.expect(')');
        return returns.isEmpty() ? EnumSet.of(ImapRequest.SearchReturn.ALL) : returns;
    }

    /** {@code sort-criteria SP charset SP search-key *(SP search-key)}, after "SORT SP". */
    static ImapRequest.Sort sort(String tag, boolean uid, ImapReader reader) throws ImapSyntaxException {
        reader.expect('(');
        List<ImapRequest.SortCriterion> order = new ArrayList<>();
        do {
            String word = reader.atom().toUpperCase(Locale.ROOT);
            boolean reverse = word.equals("REVERSE");
            if (reverse) {
                reader.sp();
                word = reader.atom().toUpperCase(Locale.ROOT);
            }
            try {
                order.add(new ImapRequest.SortCriterion(ImapRequest.SortKey.valueOf(word), reverse));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown sort key " + word);
            }
        } while (reader.more());
        reader.expect(')');
        reader.sp();
        String charset = reader.astringUtf8();
        reader.sp();
        return new ImapRequest.Sort(tag, uid, order, charset, keys(reader));
    }

    /** {@code thread-alg SP search-charset 1*(SP search-key)}, after "THREAD SP" (RFC 5256 section 5). */
    static ImapRequest.Thread thread(String tag, boolean uid, ImapReader reader) throws ImapSyntaxException {
        String name = reader.atom().toUpperCase(Locale.ROOT);
        ImapRequest.ThreadAlgorithm algorithm;
        try {
            algorithm = ImapRequest.ThreadAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("Unsupported threading algorithm " + name);
        }
        reader.sp();
        String charset = reader.astringUtf8();
        reader.sp();
        return new ImapRequest.Thread(tag, uid, algorithm, charset, keys(reader));
    }

    /** Whether the next atom is {@code word} (any case), without consuming it. */
    private static boolean peekWord(ImapReader reader, String word) {
        ImapReader.Mark mark = reader.mark();
        try {
            return reader.atom().equalsIgnoreCase(word);
        } catch (ImapSyntaxException e) {
            return false;
        } finally {
            reader.reset(mark);
        }
    }

    private static SearchTerm keys(ImapReader reader) throws ImapSyntaxException {
        List<SearchTerm> keys = new ArrayList<>();
        do {
            keys.add(key(reader));
        } while (reader.more());
        reader.end();
        return keys.size() == 1 ? keys.get(0) : new SearchTerm.And(keys);
    }

    static SearchTerm key(ImapReader reader) throws ImapSyntaxException {
        int c = reader.peek();
        if (c == '(') {
            reader.expect('(');
            List<SearchTerm> keys = new ArrayList<>();
            do {
                keys.add(key(reader));
            } while (reader.more());
            reader.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchTerm.And(keys);
        }
        if ((c >= '0' && c <= '9') || c == '*') {
            return new SearchTerm.Sequence(reader.sequenceSet(), false);
        }
        String name = reader.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> key(new SearchKey.All());
            case "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN" -> key(new SearchKey.Flag(systemFlag(name), true));
            case "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNSEEN" ->
                    key(new SearchKey.Flag(systemFlag(name.substring(2)), false));
            case "KEYWORD" -> key(new SearchKey.Flag(argument(reader).atom(), true));
            case "UNKEYWORD" -> key(new SearchKey.Flag(argument(reader).atom(), false));
            case "NEW" -> new SearchTerm.Recent(SearchTerm.RecentKind.NEW);
            case "OLD" -> new SearchTerm.Recent(SearchTerm.RecentKind.OLD);
            case "RECENT" -> new SearchTerm.Recent(SearchTerm.RecentKind.RECENT);
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> key(new SearchKey.Header(headerName(name), text(argument(reader))));
            case "HEADER" -> {
                String field = text(argument(reader));
                reader.sp();
                yield key(new SearchKey.Header(field, text(reader)));
            }
            case "BODY" -> key(new SearchKey.Text(text(argument(reader)), false));
            case "TEXT" -> key(new SearchKey.Text(text(argument(reader)), true));
            case "BEFORE" -> key(new SearchKey.Date(Comparison.BEFORE, argument(reader).date(), false));
            case "ON" -> key(new SearchKey.Date(Comparison.ON, argument(reader).date(), false));
            case "SINCE" -> key(new SearchKey.Date(Comparison.SINCE, argument(reader).date(), false));
            case "SENTBEFORE" -> key(new SearchKey.Date(Comparison.BEFORE, argument(reader).date(), true));
            case "SENTON" -> key(new SearchKey.Date(Comparison.ON, argument(reader).date(), true));
            case "SENTSINCE" -> key(new SearchKey.Date(Comparison.SINCE, argument(reader).date(), true));
            case "LARGER" -> key(new SearchKey.Size(true, argument(reader).number()));
            case "SMALLER" -> key(new SearchKey.Size(false, argument(reader).number()));
            case "UID" -> new SearchTerm.Sequence(argument(reader).sequenceSet(), true);
            case "NOT" -> new SearchTerm.Not(key(argument(reader)));
            case "OR" -> {
                SearchTerm left = key(argument(reader));
                reader.sp();
                yield new SearchTerm.Or(left, key(reader));
            }
            case "MODSEQ" -> modseq(argument(reader));
            default -> throw new ImapSyntaxException("Unknown search key " + name);
        };
    }

    private static SearchTerm key(SearchKey key) {
        return new SearchTerm.Key(key);
    }

    private static ImapReader argument(ImapReader reader) throws ImapSyntaxException {
        reader.sp();
        return reader;
    }

    /** RFC 7162: {@code MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer}; the entry is ignored. */
    private static SearchTerm modseq(ImapReader reader) throws ImapSyntaxException {
        if (reader.peek() == '"') {
            reader.string();
            reader.sp();
            String type = reader.atom().toLowerCase(Locale.ROOT);
            if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
                throw new ImapSyntaxException("Invalid MODSEQ entry type " + type);
            }
            reader.sp();
        }
        return key(new SearchKey.ModSeq(reader.number()));
    }

    private static String systemFlag(String name) {
        return "\\" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** BCC, CC, FROM, SUBJECT and TO are header searches on the field of that name. */
    private static String headerName(String key) {
        return key.charAt(0) + key.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Search strings are UTF-8 (or its US-ASCII subset): the only charsets this server accepts; the
     * processor refuses the others with [BADCHARSET] before this text is used. Octets that are not UTF-8
     * are read as windows-1252 rather than as U+FFFD, which matches nothing: Angus Mail, once it has
     * enabled UTF8=ACCEPT, sends search strings one octet per character (ISO-8859-1), and Latin-1 is what
     * such a client means (ADR 0032).
     */
    private static String text(ImapReader reader) throws ImapSyntaxException {
        return LenientUtf8.decode(reader.astring());
    }
}
