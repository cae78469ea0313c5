package fr.mssante.it;

import fr.mssante.devstack.Directories;
import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the real platform once for the whole test run: a private PostgreSQL and a freshly prepared
 * WildFly with the built EAR, on free loopback ports. Test methods and constructors receive the
 * {@link LocalPlatform}.
 */
public class PlatformExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PlatformExtension.class);

    /** Stops the platform when the test run ends. */
    private record Running(LocalPlatform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            platform.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    static LocalPlatform platform(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Running.class, k -> start(), Running.class)
                .platform();
    }

    private static Running start() {
        try {
            Path workDir = Path.of(System.getProperty("mssante.it.workdir", "target/it-platform"));
            Directories.delete(workDir);
            Files.createDirectories(workDir);
            LocalPlatform platform = new LocalPlatform(LocalPlatform.forTests(
                    Path.of(required("mssante.server.template")), Path.of(required("mssante.ear")), workDir));
            platform.start();
            return new Running(platform);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the platform for the integration tests", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return value;
    }
}
