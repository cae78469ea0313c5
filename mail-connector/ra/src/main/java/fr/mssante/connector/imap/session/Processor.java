package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;

/**
 * Executes one kind of request on a session: calls the listener through
 * {@link ImapSession#call}, writes the untagged responses, and ends with one of the session's
 * completion methods, which sends the pending mailbox updates and the tagged response.
 *
 * @param <R> the request type
 */
@FunctionalInterface
interface Processor<R extends ImapRequest> {

    void process(R request, ImapSession session);
}
