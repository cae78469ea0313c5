package fr.mssante.connector.imap.request;

import java.util.Locale;

/**
 * The name of a parsed command as a client writes it (RFC 3501 section 6, with the {@code UID} prefix of
 * section 6.4.8): a label from a closed set, for metrics, that says nothing of the arguments.
 */
public final class ImapCommandNames {

    private ImapCommandNames() {
    }

    public static String of(ImapRequest request) {
        if (request instanceof ImapRequest.Simple simple) {
            return simple.command().name();
        }
        if (request instanceof ImapRequest.MailboxRequest mailbox) {
            return mailbox.command().name();
        }
        if (request instanceof ImapRequest.Select select) {
            return select.readOnly() ? "EXAMINE" : "SELECT";
        }
        if (request instanceof ImapRequest.ListRequest list) {
            return list.lsub() ? "LSUB" : "LIST";
        }
        if (request instanceof ImapRequest.Search search) {
            return uid(search.uid(), "SEARCH");
        }
        if (request instanceof ImapRequest.Sort sort) {
            return uid(sort.uid(), "SORT");
        }
        if (request instanceof ImapRequest.Thread thread) {
            return uid(thread.uid(), "THREAD");
        }
        if (request instanceof ImapRequest.Fetch fetch) {
            return uid(fetch.uid(), "FETCH");
        }
        if (request instanceof ImapRequest.Store store) {
            return uid(store.uid(), "STORE");
        }
        if (request instanceof ImapRequest.Copy copy) {
            return uid(copy.uid(), copy.move() ? "MOVE" : "COPY");
        }
        if (request instanceof ImapRequest.UidExpunge) {
            return "UID EXPUNGE";
        }
        return simpleName(request);
    }

    /** LOGIN, AUTHENTICATE, RENAME, STATUS, APPEND, ENABLE, ID...: the record is named after the command. */
    private static String simpleName(ImapRequest request) {
        return request.getClass().getSimpleName().replace("Request", "").toUpperCase(Locale.ROOT);
    }

    private static String uid(boolean uid, String command) {
        return uid ? "UID " + command : command;
    }
}
