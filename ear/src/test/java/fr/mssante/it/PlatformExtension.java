package fr.mssante.it;

import fr.mssante.devstack.KeycloakServer;
import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test constructors and methods the platform that {@link PlatformSession} started for the run,
 * or just its Keycloak (base URL, admin credentials).
 */
public class PlatformExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalPlatform.class || type == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class
                ? PlatformSession.platform().keycloak() : PlatformSession.platform();
    }
}
