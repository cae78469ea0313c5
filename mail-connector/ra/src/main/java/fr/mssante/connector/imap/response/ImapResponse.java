package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.sort.ThreadNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server sends (RFC 3501 section 7): immutable records, written to the connection by
 * {@link ImapResponseEncoder}. Mailbox names are in the listener's UTF-8 form; the encoder converts them
 * at the boundary to the connection's encoding: modified UTF-7, or UTF-8 after ENABLE UTF8=ACCEPT.
 */
public sealed interface ImapResponse {

    enum Status { OK, NO, BAD, BYE, PREAUTH }

    /**
     * A response code (RFC 3501 section 7.1, RFC 5530): {@code [name arguments]}.
     *
     * @param arguments already in IMAP syntax ("(\Seen \*)", "12 3:4 7:8"), or null
     */
    record Code(String name, String arguments) {

        public static Code of(String name) {
            return new Code(name, null);
        }

        public static Code of(String name, Object arguments) {
            return new Code(name, String.valueOf(arguments));
        }
    }

    /** {@code tag|* OK|NO|BAD|BYE|PREAUTH [code] text}; {@code tag} null for an untagged response. */
    record StatusResponse(String tag, Status status, Code code, String text) implements ImapResponse {

        public static StatusResponse tagged(String tag, Status status, Code code, String text) {
            return new StatusResponse(tag, status, code, text);
        }

        public static StatusResponse untagged(Status status, Code code, String text) {
            return new StatusResponse(null, status, code, text);
        }
    }

    /** {@code + text}: command continuation request (RFC 3501 section 7.5). */
    record Continuation(String text) implements ImapResponse {
    }

    record Capability(List<String> capabilities) implements ImapResponse {
    }

    record Exists(long count) implements ImapResponse {
    }

    record Recent(long count) implements ImapResponse {
    }

    record Expunge(long sequenceNumber) implements ImapResponse {
    }

    /** RFC 7162 section 3.2.10. */
    record Vanished(List<Long> uids, boolean earlier) implements ImapResponse {
        public Vanished {
            uids = List.copyOf(uids);
        }
    }

    record Flags(List<String> flags) implements ImapResponse {
    }

    /**
     * SEARCH (RFC 3501 7.2.5) or SORT (RFC 5256 4) results.
     *
     * @param modseq highest MODSEQ of the results when a MODSEQ criterion was used (RFC 7162 3.1.5), else -1
     */
    record Numbers(String name, List<Long> numbers, long modseq) implements ImapResponse {
    }

    /**
     * ESEARCH (RFC 4731 section 3.1): {@code * ESEARCH (TAG "t") [UID] name value ...}.
     *
     * @param items result items in the order written, values in IMAP syntax (a number or a sequence set)
     */
    record ESearch(String tag, boolean uid, Map<String, String> items) implements ImapResponse {
        public ESearch {
            items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        }
    }

    /** THREAD (RFC 5256 section 4): one tree per thread, in thread order. */
    record Thread(List<ThreadNode> threads) implements ImapResponse {
        public Thread {
            threads = List.copyOf(threads);
        }
    }

    /**
     * LIST / LSUB entry (RFC 3501 7.2.2, RFC 5258 extended data: {@code CHILDINFO}).
     *
     * @param mailbox UTF-8 name; the delimiter is always {@code /}
     */
    record ListEntry(String command, List<String> attributes, String mailbox, List<String> childInfo)
            implements ImapResponse {
    }

    /** RFC 3501 7.2.4. Items in request order. */
    record StatusData(String mailbox, Map<String, Long> items) implements ImapResponse {
    }

    /** {@code * n FETCH (...)}; items in the order written. */
    record Fetch(long sequenceNumber, List<FetchData> items) implements ImapResponse {
    }

    /**
     * One FETCH data item.
     *
     * @param name as it appears in the response ("FLAGS", "BODY[HEADER]&lt;0&gt;")
     */
    record FetchData(String name, FetchValue value) {
    }

    /** FETCH values: how each kind is written. */
    sealed interface FetchValue {

        /** US-ASCII written as is: numbers, flag lists, quoted dates. */
        record Atom(String text) implements FetchValue {
        }

        /** Precomputed IMAP syntax (ENVELOPE, BODYSTRUCTURE), one char per octet (ISO-8859-1). */
        record Octets(String text) implements FetchValue {
        }

        /** A slice of the message, as a literal; null data for NIL. */
        record Body(byte[] data, int offset, int length) implements FetchValue {
        }

        /**
         * Decoded octets (FETCH BINARY, RFC 3516 section 4.2): a {@code literal8} when they contain NUL,
         * else an ordinary literal, so that a client knows without scanning (section 4.1); null data for
         * NIL.
         */
        record Decoded(byte[] data, int offset, int length) implements FetchValue {
        }
    }

    /** RFC 5161. */
    record Enabled(List<String> capabilities) implements ImapResponse {
    }

    /** RFC 2342: a single personal namespace "" with delimiter "/", no other users', no shared. */
    record Namespace() implements ImapResponse {
    }

    /** RFC 2971. */
    record Id(Map<String, String> parameters) implements ImapResponse {
    }

    /** RFC 9208 section 5.1: STORAGE in units of 1024 octets. */
    record Quota(String root, long usedKilobytes, long limitKilobytes) implements ImapResponse {
    }

    /** RFC 9208 section 5.2. */
    record QuotaRoot(String mailbox, List<String> roots) implements ImapResponse {
    }
}
