package fr.mssante.connector;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;

/**
 * An activation spec without property: the services are configured on the resource adapter, since
 * there is one set of listening sockets per server. Subclasses only name their message listener with
 * {@code @Activation}. Public, like its subclasses, for the container's JavaBean introspection.
 */
public abstract class NoPropertyActivationSpec implements ActivationSpec {

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
