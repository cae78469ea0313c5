package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.request.ImapRequest.ListOption;
import fr.mssante.connector.imap.request.ImapRequest.StatusItem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LIST (RFC 3501 6.3.8 and the extended syntax of RFC 5258 section 6: selection options, several
 * patterns, return options, including STATUS of RFC 5819 section 2) and LSUB (6.3.9).
 */
final class ListParser {

    private ListParser() {
    }

    /** After "LIST SP" or "LSUB SP". */
    static ImapRequest.ListRequest parse(String tag, boolean lsub, ImapReader reader) throws ImapSyntaxException {
        Set<ListOption> selection = EnumSet.noneOf(ListOption.class);
        Set<ListOption> returns = EnumSet.noneOf(ListOption.class);
        List<StatusItem> statusItems = List.of();
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
            reader.expect('(');
            if (reader.peek() != ')') {
                do {
                    String option = reader.atom();
                    if (option.equalsIgnoreCase("STATUS")) {
                        reader.sp();
                        statusItems = ImapRequestParser.statusItems(reader);
                    } else {
                        returns.add(option(option, false));
                    }
                } while (reader.more());
            }
            reader.expect(')');
        }
        reader.end();
        if (selection.contains(ListOption.RECURSIVEMATCH) && selection.size() == 1) {
            // RFC 5258 section 3.1: RECURSIVEMATCH alone is an error.
            throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
        }
        return new ImapRequest.ListRequest(tag, lsub, reference, patterns, selection, returns, statusItems, extended);
    }

    private static Set<ListOption> options(ImapReader reader, boolean selection) throws ImapSyntaxException {
        Set<ListOption> options = EnumSet.noneOf(ListOption.class);
        for (String name : reader.atomList()) {
            options.add(option(name, selection));
        }
        return options;
    }

    private static ListOption option(String name, boolean selection) throws ImapSyntaxException {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SUBSCRIBED" -> ListOption.SUBSCRIBED;
            case "SPECIAL-USE" -> ListOption.SPECIAL_USE;
            case "REMOTE" -> ListOption.REMOTE;
            case "RECURSIVEMATCH" -> {
                if (!selection) {
                    throw new ImapSyntaxException("RECURSIVEMATCH is a selection option");
                }
                yield ListOption.RECURSIVEMATCH;
            }
            case "CHILDREN" -> {
                if (selection) {
                    throw new ImapSyntaxException("CHILDREN is a return option");
                }
                yield ListOption.CHILDREN;
            }
            default -> throw new ImapSyntaxException("Unsupported LIST option " + name);
        };
    }
}
