package fr.mssante.ejb.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The settings a production server must not run with (docs/adr/0022): development passwords, mail
 * ports without TLS, passwords accepted before TLS, demo data. Pure: it is given the system properties
 * and the environment, and names every unsafe setting at once, so an operator fixes them all in one go
 * rather than one failed start at a time.
 *
 * <p>Each setting is read where its consumer reads it: the datasources and the broker cluster through
 * the CLI scripts' expressions ({@code ${mssante.db.password,env.MSSANTE_DB_PASSWORD:mssante_app}}:
 * property, then environment, then the development default), the mail resource adapter through
 * {@code ironjacamar.xml} (system properties only), the demo data through {@code Boolean.getBoolean}.
 */
public final class UnsafeSettings {

    /**
     * Passwords of the development database roles (devstack {@code EmbeddedDatabase}, the defaults of
     * {@code 10-postgresql.cli}): whoever read this repository knows them.
     */
    static final Set<String> DEVELOPMENT_DATABASE_PASSWORDS = Set.of("mssante_app", "mssante");
    /** The default of {@code cluster/60-cluster.cli}, and WildFly's own placeholder. */
    static final Set<String> DEVELOPMENT_CLUSTER_PASSWORDS = Set.of("mssante-dev-cluster-password", "CHANGE ME!!");
    /** The placeholders of {@code docker/.env.example} ({@code change-me-app}, ...): copied but never replaced. */
    static final String PLACEHOLDER_PREFIX = "change-me";
    /** The mail listeners the resource adapter opens unless their port is 0, with its default ports. */
    private static final List<Port> MAIL_PORTS = List.of(
            new Port("mssante.smtp.port", "10025"),
            new Port("mssante.submission.port", "10587"),
            new Port("mssante.imap.port", "10143"));

    private record Port(String property, String defaultValue) {
    }

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    /**
     * @param systemProperties name to value, null when unset ({@code System::getProperty})
     * @param environment      name to value, null when unset ({@code System::getenv})
     */
    public UnsafeSettings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Each unsafe setting with what is wrong with it, in a stable order; empty when none. */
    public List<String> find() {
        List<String> unsafe = new ArrayList<>();
        password(unsafe, "mssante.db.password", "MSSANTE_DB_PASSWORD", DEVELOPMENT_DATABASE_PASSWORDS);
        password(unsafe, "mssante.db.owner-password", "MSSANTE_DB_OWNER_PASSWORD", DEVELOPMENT_DATABASE_PASSWORDS);
        // Even on a single node (the setting is then unused): a second node added later must not bring the default.
        password(unsafe, "mssante.cluster.password", "MSSANTE_CLUSTER_PASSWORD", DEVELOPMENT_CLUSTER_PASSWORDS);
        mailTls(unsafe);
        if (isTrue("mssante.auth.allow-plaintext")) {
            unsafe.add("mssante.auth.allow-plaintext is true: mail clients could send passwords before TLS");
        }
        if (isTrue("mssante.demo-data")) {
            unsafe.add("mssante.demo-data is true: demo mailboxes with a published app password would be created");
        }
        return unsafe;
    }

    /** Unset means the CLI expression's default, which is one of the {@code known} development passwords. */
    private void password(List<String> unsafe, String property, String variable, Set<String> known) {
        String value = systemProperties.apply(property);
        if (value == null) {
            value = environment.apply(variable);
        }
        if (value == null) {
            unsafe.add(property + " (or " + variable + ") is not set: the development default would be used");
        } else if (value.isBlank()) {
            unsafe.add(property + " (or " + variable + ") is empty");
        } else if (known.contains(value)) {
            unsafe.add(property + " (or " + variable + ") is a published development password");
        } else if (value.strip().toLowerCase(Locale.ROOT).startsWith(PLACEHOLDER_PREFIX)) {
            unsafe.add(property + " (or " + variable + ") is still the placeholder of docker/.env.example");
        }
    }

    /** ADR 0008: without a server key no STARTTLS is offered and passwords and mail travel in clear. */
    private void mailTls(List<String> unsafe) {
        if (!blank(systemProperties.apply("mssante.tls.certificate"))
                || !blank(systemProperties.apply("mssante.tls.keystore"))) {
            return;
        }
        List<String> open = MAIL_PORTS.stream()
                .filter(p -> !"0".equals(valueOr(p.property(), p.defaultValue()).strip()))
                .map(Port::property)
                .toList();
        if (!open.isEmpty()) {
            unsafe.add("mssante.tls.certificate (or mssante.tls.keystore) is not set while mail listeners are enabled ("
                    + String.join(", ", open) + "): TLS would be off");
        }
    }

    private boolean isTrue(String property) {
        String value = systemProperties.apply(property);
        return "true".equalsIgnoreCase(value); // as Boolean.getBoolean and the adapter's Boolean.valueOf
    }

    private String valueOr(String property, String defaultValue) {
        String value = systemProperties.apply(property);
        return value == null ? defaultValue : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
