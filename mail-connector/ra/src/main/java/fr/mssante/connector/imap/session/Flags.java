package fr.mssante.connector.imap.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Flag lists as the server writes them (RFC 3501 section 2.3.2). */
final class Flags {

    static final String RECENT = "\\Recent";
    static final String SEEN = "\\Seen";
    static final String DELETED = "\\Deleted";
    /** The system flags a client may store (\Recent is the server's, RFC 3501 section 2.3.2). */
    static final List<String> SYSTEM = List.of("\\Answered", "\\Flagged", DELETED, SEEN, "\\Draft");

    private Flags() {
    }

    /** "(\Seen kw \Recent)": the message's flags, plus \Recent when this session reports it so. */
    static String list(Collection<String> flags, boolean recent) {
        List<String> all = new ArrayList<>(flags.size() + 1);
        for (String flag : flags) {
            if (!flag.equalsIgnoreCase(RECENT)) {
                all.add(flag);
            }
        }
        if (recent) {
            all.add(RECENT);
        }
        return "(" + String.join(" ", all) + ")";
    }

    /** Whether {@code flag} is a keyword rather than a system flag. */
    static boolean isKeyword(String flag) {
        return !flag.startsWith("\\");
    }
}
