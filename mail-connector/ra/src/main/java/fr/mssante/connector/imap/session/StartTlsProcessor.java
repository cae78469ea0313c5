package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;

/**
 * STARTTLS (RFC 3501 section 6.2.1), valid in the not authenticated state only (the processor table
 * says so). Refused with BAD once TLS is active, as the command is then not advertised, and with NO when
 * TLS is not configured.
 */
final class StartTlsProcessor implements Processor<ImapRequest.Simple> {

    @Override
    public void process(ImapRequest.Simple request, ImapSession session) {
        if (session.info().tls()) {
            session.bad("TLS already active");
        } else if (!session.engine().capabilities().startTlsAvailable(false)) {
            session.no(null, "STARTTLS not available");
        } else {
            session.startTls();
        }
    }
}
