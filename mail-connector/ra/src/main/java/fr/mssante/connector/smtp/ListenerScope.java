package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

/** {@link fr.mssante.connector.server.ListenerScope} of the SMTP engine, whose calls all return a reply. */
@FunctionalInterface
public interface ListenerScope extends fr.mssante.connector.server.ListenerScope<SmtpListener, SmtpReply> {
}
