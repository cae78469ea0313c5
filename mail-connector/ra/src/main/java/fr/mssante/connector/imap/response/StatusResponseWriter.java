package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.response.ImapResponse.Continuation;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;

/**
 * {@code tag|* status [code] text} (RFC 3501 section 7.1) and {@code + text} (section 7.5). The text
 * always has at least one character: RFC 3501 requires {@code text} after the code.
 */
final class StatusResponseWriter {

    private StatusResponseWriter() {
    }

    static boolean write(ImapResponse response, ImapComposer out) {
        if (response instanceof StatusResponse status) {
            out.raw(status.tag() == null ? "*" : status.tag()).sp().raw(status.status().name()).sp();
            if (status.code() != null) {
                out.raw("[").raw(status.code().name());
                if (status.code().arguments() != null) {
                    out.sp().octets(status.code().arguments());
                }
                out.raw("] ");
            }
            out.text(status.text() == null || status.text().isEmpty() ? "Done" : status.text());
            return true;
        }
        if (response instanceof Continuation continuation) {
            out.raw("+ ").text(continuation.text());
            return true;
        }
        return false;
    }
}
