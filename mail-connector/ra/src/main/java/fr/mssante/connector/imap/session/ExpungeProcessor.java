package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;

import java.util.List;

/** EXPUNGE (RFC 3501 6.4.3) and UID EXPUNGE (RFC 4315 2.1). */
final class ExpungeProcessor {

    void expunge(ImapRequest.Simple request, ImapSession session) {
        run(session, null, "EXPUNGE completed");
    }

    void uidExpunge(ImapRequest.UidExpunge request, ImapSession session) {
        List<Long> uids = session.uids(request.set(), true);
        if (uids == null) {
            return;
        }
        if (uids.isEmpty()) {
            session.ok("UID EXPUNGE completed");
            return;
        }
        run(session, uids, "UID EXPUNGE completed");
    }

    private static void run(ImapSession session, List<Long> uids, String done) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox.readOnly()) {
            session.no("CANNOT", "Mailbox is read-only");
            return;
        }
        session.call(listener -> listener.expunge(session.user(), mailbox.folder(), uids), expunged -> {
            session.writeAll(mailbox.expunged(expunged, session.updates()));
            session.ok(done);
        });
    }
}
