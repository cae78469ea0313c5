package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.Status;

/**
 * CLOSE (RFC 3501 6.4.2: expunges silently, unless the mailbox is read-only, and leaves the selected
 * state) and UNSELECT (RFC 3691: leaves it without expunging).
 */
final class CloseProcessor {

    void close(ImapRequest.Simple request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox.readOnly()) {
            unselect(request, session);
            return;
        }
        session.call(listener -> listener.expunge(session.user(), mailbox.folder(), null), expunged -> {
            session.unselect();
            session.ok("CLOSE completed");
        }, refused -> {
            session.unselect();
            session.complete(Status.NO, Code.of(refused.code()), refused.text());
        });
    }

    void unselect(ImapRequest.Simple request, ImapSession session) {
        session.unselect();
        session.ok(request.command() + " completed");
    }
}
