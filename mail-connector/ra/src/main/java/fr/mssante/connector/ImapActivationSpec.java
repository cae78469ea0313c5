package fr.mssante.connector;

import fr.mssante.connector.api.imap.ImapListener;
import jakarta.resource.spi.Activation;

/**
 * Activation of an {@link ImapListener} message-driven bean: starts the IMAP server (port
 * {@code imapPort} of the resource adapter, 0 to disable it). No property: the server is configured on
 * the resource adapter, there is one listening socket per server. One IMAP MDB per server, by design.
 */
@Activation(messageListeners = ImapListener.class)
public class ImapActivationSpec extends NoPropertyActivationSpec {
}
