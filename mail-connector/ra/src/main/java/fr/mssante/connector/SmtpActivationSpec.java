package fr.mssante.connector;

import fr.mssante.connector.api.smtp.SmtpListener;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;

/**
 * Activation of an {@link SmtpListener} message-driven bean. It has no property: the SMTP services are
 * configured on the resource adapter, since there is one pair of listening sockets per server.
 */
@Activation(messageListeners = SmtpListener.class)
public class SmtpActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;

    /** Nothing to validate: there are no properties. */
    @Override
    public void validate() {
        // No property, hence no constraint.
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
