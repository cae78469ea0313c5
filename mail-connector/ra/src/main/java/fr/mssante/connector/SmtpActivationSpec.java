package fr.mssante.connector;

import fr.mssante.connector.api.smtp.SmtpListener;
import jakarta.resource.spi.Activation;

/**
 * Activation of an {@link SmtpListener} message-driven bean. It has no property: the SMTP services are
 * configured on the resource adapter, since there is one pair of listening sockets per server.
 */
@Activation(messageListeners = SmtpListener.class)
public class SmtpActivationSpec extends NoPropertyActivationSpec {
}
