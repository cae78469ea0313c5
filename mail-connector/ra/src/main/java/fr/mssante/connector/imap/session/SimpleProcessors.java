package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The commands that need no mailbox data: CAPABILITY, NOOP/CHECK, LOGOUT (RFC 3501 6.1, 6.4.1), NAMESPACE
 * (RFC 2342), IDLE (RFC 2177), ID (RFC 2971) and ENABLE (RFC 5161).
 */
final class SimpleProcessors {

    private static final Logger LOG = Logger.getLogger(SimpleProcessors.class.getName());
    /** The extensions ENABLE knows: CONDSTORE and QRESYNC (RFC 7162 section 3.2.3), UTF8=ACCEPT (RFC 6855). */
    private static final List<String> ENABLEABLE = List.of("CONDSTORE", "QRESYNC", ImapSession.UTF8_ACCEPT);

    void capability(ImapRequest.Simple request, ImapSession session) {
        session.write(new ImapResponse.Capability(session.engine().capabilities()
                .list(session.state() != SessionState.NOT_AUTHENTICATED, session.info())));
        session.ok("CAPABILITY completed");
    }

    /**
     * NOOP and CHECK: nothing to do but report the mailbox updates, which is what clients poll with
     * (RFC 3501 6.1.2); asked to the listener every time, not only when the change bus said so, in
     * case an event was lost.
     */
    void noop(ImapRequest.Simple request, ImapSession session) {
        String text = request.command() + " completed";
        if (session.selected() == null) {
            session.ok(text);
        } else {
            session.refresh(session.updates(), () -> session.ok(text));
        }
    }

    void logout(ImapRequest.Simple request, ImapSession session) {
        session.logout();
    }

    void namespace(ImapRequest.Simple request, ImapSession session) {
        session.write(new ImapResponse.Namespace());
        session.ok("NAMESPACE completed");
    }

    void idle(ImapRequest.Simple request, ImapSession session) {
        session.write(new ImapResponse.Continuation("idling"));
        session.idle();
    }

    /** RFC 2971: the client's identity goes to the log; ours is a product name, no version to fingerprint. */
    void id(ImapRequest.Id request, ImapSession session) {
        LOG.fine(() -> session.info().sessionId() + ": client ID " + request.parameters());
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put("name", "MSSante IMAP");
        ours.put("vendor", "MSSante");
        session.write(new ImapResponse.Id(ours));
        session.ok("ID completed");
    }

    /** RFC 5161: lists what was enabled by this command; unknown names are ignored. */
    void enable(ImapRequest.Enable request, ImapSession session) {
        List<String> enabled = new ArrayList<>();
        for (String capability : request.capabilities()) {
            if (ENABLEABLE.contains(capability) && !session.isEnabled(capability)) {
                session.enable(capability);
                enabled.add(capability);
            }
        }
        session.write(new ImapResponse.Enabled(enabled));
        session.ok("ENABLE completed");
    }
}
