package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.response.ImapResponse.Fetch;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

/** {@code * n FETCH (name value ...)} (RFC 3501 section 7.4.2). */
final class FetchResponseWriter {

    private FetchResponseWriter() {
    }

    static boolean write(ImapResponse response, ImapComposer out) {
        if (!(response instanceof Fetch fetch)) {
            return false;
        }
        out.raw("* ").number(fetch.sequenceNumber()).raw(" FETCH (");
        boolean first = true;
        for (FetchData item : fetch.items()) {
            if (!first) {
                out.sp();
            }
            first = false;
            out.raw(item.name()).sp();
            value(item.value(), out);
        }
        out.close();
        return true;
    }

    private static void value(FetchValue value, ImapComposer out) {
        if (value instanceof FetchValue.Atom atom) {
            out.raw(atom.text());
        } else if (value instanceof FetchValue.Octets octets) {
            out.octets(octets.text());
        } else if (value instanceof FetchValue.Body body) {
            if (body.data() == null) {
                out.nil();
            } else {
                out.literal(body.data(), body.offset(), body.length());
            }
        } else if (value instanceof FetchValue.Decoded decoded) {
            if (decoded.data() == null) {
                out.nil();
            } else if (containsNul(decoded.data(), decoded.offset(), decoded.length())) {
                out.literal8(decoded.data(), decoded.offset(), decoded.length());
            } else {
                out.literal(decoded.data(), decoded.offset(), decoded.length());
            }
        }
    }

    private static boolean containsNul(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
