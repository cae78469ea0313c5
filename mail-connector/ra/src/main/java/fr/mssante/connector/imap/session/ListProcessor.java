package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderInfo;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.ListOption;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LIST (RFC 3501 6.3.8 with the RFC 5258 extensions: selection options SUBSCRIBED, SPECIAL-USE (RFC 6154)
 * and RECURSIVEMATCH, return options SUBSCRIBED, CHILDREN, SPECIAL-USE, several patterns) and LSUB
 * (6.3.9).
 *
 * <p>Attributes: {@code \HasChildren}/{@code \HasNoChildren} always (RFC 3348), the special use of the
 * folder always (RFC 6154 section 2 allows it without RETURN (SPECIAL-USE)), {@code \Subscribed} when
 * asked. A level that exists only as the parent of other folders is listed {@code \Noselect}.
 */
final class ListProcessor implements Processor<ImapRequest.ListRequest> {

    /** A name of the hierarchy: a folder, or a parent that exists only through its children. */
    private static final class Node {
        FolderInfo folder;
        boolean hasChildren;
        boolean hasSubscribedChild;
    }

    @Override
    public void process(ImapRequest.ListRequest request, ImapSession session) {
        String command = request.lsub() ? "LSUB" : "LIST";
        if (!request.lsub() && request.patterns().size() == 1 && request.patterns().get(0).isEmpty()) {
            // LIST "" "": the hierarchy delimiter and the root (RFC 3501 6.3.8).
            session.write(new ImapResponse.ListEntry(command, List.of("\\Noselect"), "", List.of()));
            session.ok("LIST completed");
            return;
        }
        String user = session.user();
        session.call(listener -> listener.listFolders(user), folders -> {
            List<MailboxPattern> patterns = new ArrayList<>();
            request.patterns().forEach(pattern -> patterns.add(new MailboxPattern(request.reference(), pattern)));
            if (request.lsub()) {
                lsub(folders, patterns).forEach(session::write);
            } else {
                tree(folders).forEach((name, node) -> {
                    if (matches(patterns, name)) {
                        ImapResponse.ListEntry entry = listEntry(request, name, node);
                        if (entry != null) {
                            session.write(entry);
                        }
                    }
                });
            }
            session.ok(command + " completed");
        });
    }

    /** Every folder and every parent level, in listing order (INBOX first). */
    private static Map<String, Node> tree(List<FolderInfo> folders) {
        Map<String, Node> tree = new TreeMap<>(MailboxNames::compare);
        for (FolderInfo folder : folders) {
            tree.computeIfAbsent(folder.name(), name -> new Node()).folder = folder;
            for (String parent = MailboxNames.parent(folder.name()); parent != null; parent = MailboxNames.parent(parent)) {
                Node node = tree.computeIfAbsent(parent, name -> new Node());
                node.hasChildren = true;
                node.hasSubscribedChild |= folder.subscribed();
            }
        }
        return tree;
    }

    private static ImapResponse.ListEntry listEntry(ImapRequest.ListRequest request, String name, Node node) {
        boolean subscribed = node.folder != null && node.folder.subscribed();
        List<String> childInfo = List.of();
        if (request.selection().contains(ListOption.SUBSCRIBED) && !subscribed) {
            // RFC 5258 3.5: with RECURSIVEMATCH, a parent of subscribed folders is listed with CHILDINFO.
            if (!request.selection().contains(ListOption.RECURSIVEMATCH) || !node.hasSubscribedChild) {
                return null;
            }
            childInfo = List.of("SUBSCRIBED");
        }
        String specialUse = node.folder == null ? null : node.folder.specialUse();
        if (request.selection().contains(ListOption.SPECIAL_USE) && specialUse == null) {
            return null;
        }
        List<String> attributes = new ArrayList<>();
        if (node.folder == null) {
            attributes.add(request.extended() ? "\\NonExistent" : "\\Noselect");
        }
        attributes.add(node.hasChildren ? "\\HasChildren" : "\\HasNoChildren");
        if (subscribed && (request.selection().contains(ListOption.SUBSCRIBED)
                || request.returns().contains(ListOption.SUBSCRIBED))) {
            attributes.add("\\Subscribed");
        }
        if (specialUse != null) {
            attributes.add(specialUse);
        }
        return new ImapResponse.ListEntry("LIST", attributes, name, childInfo);
    }

    private static boolean matches(List<MailboxPattern> patterns, String name) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(name));
    }

    /**
     * RFC 3501 6.3.9: the subscribed names that match; when only a parent level of a subscribed name
     * matches (a "%" pattern), that level is listed \Noselect so that a client walking the hierarchy
     * finds what is below.
     */
    private static List<ImapResponse.ListEntry> lsub(List<FolderInfo> folders, List<MailboxPattern> patterns) {
        Map<String, List<String>> entries = new TreeMap<>(MailboxNames::compare);
        for (FolderInfo folder : folders) {
            if (!folder.subscribed()) {
                continue;
            }
            if (matches(patterns, folder.name())) {
                entries.put(folder.name(), List.of());
                continue;
            }
            for (String parent = MailboxNames.parent(folder.name()); parent != null; parent = MailboxNames.parent(parent)) {
                if (matches(patterns, parent)) {
                    entries.putIfAbsent(parent, List.of("\\Noselect"));
                    break;
                }
            }
        }
        List<ImapResponse.ListEntry> result = new ArrayList<>();
        entries.forEach((name, attributes) -> result.add(new ImapResponse.ListEntry("LSUB", attributes, name, List.of())));
        return result;
    }
}
