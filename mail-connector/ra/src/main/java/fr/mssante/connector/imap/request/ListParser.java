package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.request.ImapRequest.ListOption;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LIST (RFC 3501 6.3.8 and the extended syntax of RFC 5258 section 6: selection options, several
 * patterns, return options) and LSUB (6.3.9).
 */
final class ListParser {

    private ListParser() {
    }

    /** After "LIST SP" or "LSUB SP". */
    static ImapRequest.ListRequest parse(String tag, boolean lsub, ImapReader reader) throws ImapSyntaxException {
        Set<ListOption> selection = EnumSet.noneOf(ListOption.class);
        Set<ListOption> returns = EnumSet.noneOf(ListOption.class);
        boolean extended = false;
        if (!lsub && reader.peek() == '(') {
            extended = true;
            selection = options(reader, true);
            reader.sp();
        }
        String reference = reader.mailbox();
        reader.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && reader.consume('(')) {
            extended = true;
            do {
                patterns.add(reader.listMailbox());
            } while (reader.more());
            reader.expect(')');
        } else {
            patterns.add(reader.listMailbox());
        }
        if (!lsub && reader.more()) {
            extended = true;
            if (!reader.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapSyntaxException("Expected RETURN");
            }
            reader.sp();
            returns = options(reader, false);
        }
        reader.end();
        if (selection.contains(ListOption.RECURSIVEMATCH) && selection.size() == 1) {
            // RFC 5258 section 3.1: RECURSIVEMATCH alone is an error.
            throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
        }
        return new ImapRequest.ListRequest(tag, lsub, reference, patterns, selection, returns, extended);
    }

    private static Set<ListOption> options(ImapReader reader, boolean selection) throws ImapSyntaxException {
        Set<ListOption> options = EnumSet.noneOf(ListOption.class);
        for (String name : reader.atomList()) {
            String upper = name.toUpperCase(Locale.ROOT);
            switch (upper) {
                case "SUBSCRIBED" -> options.add(ListOption.SUBSCRIBED);
                case "SPECIAL-USE" -> options.add(ListOption.SPECIAL_USE);
                case "REMOTE" -> options.add(ListOption.REMOTE);
                case "RECURSIVEMATCH" -> {
                    if (!selection) {
                        throw new ImapSyntaxException("RECURSIVEMATCH is a selection option");
                    }
                    options.add(ListOption.RECURSIVEMATCH);
                }
                case "CHILDREN" -> {
                    if (selection) {
                        throw new ImapSyntaxException("CHILDREN is a return option");
                    }
                    options.add(ListOption.CHILDREN);
                }
                default -> throw new ImapSyntaxException("Unsupported LIST option " + name);
            }
        }
        return options;
    }
}
