package fr.mssante.connector.sasl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SASL mechanisms of the server, in the order they are advertised; which of them a connection is
 * offered depends on its {@link SaslConditions}.
 */
public final class SaslMechanisms {

    private final Map<String, SaslMechanism> mechanisms = new LinkedHashMap<>();

    public SaslMechanisms(List<SaslMechanism> mechanisms) {
        mechanisms.forEach(mechanism -> this.mechanisms.put(mechanism.name().toUpperCase(Locale.ROOT), mechanism));
    }

    /**
     * EXTERNAL first (a client with a certificate need not send anything else), then the token mechanisms
     * of professional software (Ségur: XOAUTH2 with a Pro Santé Connect token), then app passwords.
     */
    public static SaslMechanisms defaults() {
        return new SaslMechanisms(List.of(new ExternalMechanism(), new OAuthBearerMechanism(),
                new XOAuth2Mechanism(), new PlainMechanism(), new LoginMechanism()));
    }

    /** The mechanism of that name (any case) whatever the connection, or null if there is none. */
    public SaslMechanism find(String name) {
        return mechanisms.get(name.toUpperCase(Locale.ROOT));
    }

    /** The mechanism of that name if it is offered on such a connection, else null. */
    public SaslMechanism offered(String name, SaslConditions conditions) {
        SaslMechanism mechanism = find(name);
        return mechanism != null && conditions.meet(mechanism.requirement()) ? mechanism : null;
    }

    /** The names to advertise on such a connection, possibly none. */
    public List<String> advertised(SaslConditions conditions) {
        return mechanisms.values().stream()
                .filter(mechanism -> conditions.meet(mechanism.requirement()))
                .map(SaslMechanism::name)
                .toList();
    }
}
