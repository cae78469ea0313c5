package fr.mssante.connector.imap.sort;

import java.util.List;

/**
 * A node of a THREAD answer (RFC 5256 section 4).
 *
 * @param number   the message (sequence number or UID, as the client asked), 0 for a node that holds no
 *                 message but groups its children (a "dummy" of RFC 5256 section 3)
 * @param children the replies, in thread order
 */
public record ThreadNode(long number, List<ThreadNode> children) {

    public ThreadNode {
        children = List.copyOf(children);
    }

    public boolean message() {
        return number > 0;
    }
}
