package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;

import java.util.Locale;

/**
 * COMPRESS (RFC 4978 section 3), in the authenticated and selected states (the processor table says so):
 * DEFLATE is the only mechanism, anything else is BAD; a second COMPRESS is
 * {@code NO [COMPRESSIONACTIVE]} (RFC 4978 section 3, code of RFC 5530).
 */
final class CompressProcessor implements Processor<ImapRequest.Compress> {

    @Override
    public void process(ImapRequest.Compress request, ImapSession session) {
        if (!request.mechanism().toUpperCase(Locale.ROOT).equals("DEFLATE")) {
            session.bad("Unsupported compression mechanism " + request.mechanism());
        } else if (session.compressed()) {
            session.no("COMPRESSIONACTIVE", "DEFLATE already active");
        } else {
            session.startCompression();
        }
    }
}
