package fr.mssante.connector.api.smtp;

import java.util.Objects;

/**
 * One complete message as the adapter hands it over in {@link SmtpListener#deliverAll}: its envelope and its
 * content (readable until the call returns).
 */
public record SmtpMessage(SmtpEnvelope envelope, MessageContent content) {

    public SmtpMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
    }
}
