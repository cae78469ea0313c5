package fr.mssante.connector.imap.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SASL mechanisms offered by AUTHENTICATE, in preference order: the one place where OAUTHBEARER
 * (RFC 7628), XOAUTH2 or EXTERNAL will be registered.
 */
public final class SaslMechanisms {

    private final Map<String, SaslMechanism> mechanisms = new LinkedHashMap<>();

    public SaslMechanisms(List<SaslMechanism> mechanisms) {
        mechanisms.forEach(mechanism -> this.mechanisms.put(mechanism.name().toUpperCase(Locale.ROOT), mechanism));
    }

    /** What this server offers today: PLAIN. */
    public static SaslMechanisms defaults() {
        return new SaslMechanisms(List.of(new PlainMechanism()));
    }

    /**
     * The mechanism of that name if it may be used on this connection, else null.
     *
     * @param plaintextAllowed whether mechanisms sending a clear secret are acceptable here (TLS, or
     *                         the {@code allowPlaintextAuth} configuration)
     */
    public SaslMechanism find(String name, boolean plaintextAllowed) {
        SaslMechanism mechanism = mechanisms.get(name.toUpperCase(Locale.ROOT));
        return mechanism == null || (mechanism.plaintext() && !plaintextAllowed) ? null : mechanism;
    }

    /** Names to advertise as {@code AUTH=}. */
    public List<String> advertised(boolean plaintextAllowed) {
        List<String> names = new ArrayList<>();
        for (SaslMechanism mechanism : mechanisms.values()) {
            if (!mechanism.plaintext() || plaintextAllowed) {
                names.add(mechanism.name());
            }
        }
        return names;
    }
}
