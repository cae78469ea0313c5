package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.response.ImapResponse.Capability;
import fr.mssante.connector.imap.response.ImapResponse.Enabled;
import fr.mssante.connector.imap.response.ImapResponse.Id;
import fr.mssante.connector.imap.response.ImapResponse.Namespace;

import java.util.Map;

/** CAPABILITY (RFC 3501 7.2.1), ENABLED (RFC 5161), NAMESPACE (RFC 2342) and ID (RFC 2971). */
final class ServerDataWriter {

    private ServerDataWriter() {
    }

    static boolean write(ImapResponse response, ImapComposer out) {
        if (response instanceof Capability capability) {
            out.raw("* CAPABILITY ").raw(String.join(" ", capability.capabilities()));
        } else if (response instanceof Enabled enabled) {
            out.raw("* ENABLED");
            enabled.capabilities().forEach(name -> out.sp().raw(name));
        } else if (response instanceof Namespace) {
            out.raw("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        } else if (response instanceof Id id) {
            out.raw("* ID ");
            if (id.parameters() == null || id.parameters().isEmpty()) {
                out.nil();
            } else {
                out.open();
                boolean first = true;
                for (Map.Entry<String, String> parameter : id.parameters().entrySet()) {
                    out.raw(first ? "" : " ").string(parameter.getKey()).sp().string(parameter.getValue());
                    first = false;
                }
                out.close();
            }
        } else {
            return false;
        }
        return true;
    }
}
