package fr.mssante.ejb.relay.route;

import fr.mssante.ejb.relay.smtp.HostAndPort;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Static routes of {@code mssante.relay.transport}: {@code domain=host:port[,domain=host:port...]}, the key
 * {@code *} being the smart host for every other domain. A routed domain skips DNS: tests, peers reached
 * through a private network, or an outbound gateway.
 */
public record TransportMap(Map<String, HostAndPort> routes) {

    public static final TransportMap NONE = new TransportMap(Map.of());
    private static final String SMART_HOST = "*";

    public TransportMap {
        routes = Map.copyOf(routes);
    }

    /** @throws IllegalStateException naming {@code setting} for an entry that is not {@code domain=host:port} */
    public static TransportMap parse(String text, String setting) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, HostAndPort> routes = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw invalid(setting, trimmed);
            }
            String domain = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            HostAndPort target = hostAndPort(trimmed.substring(equals + 1).strip(), setting, trimmed);
            if (routes.put(domain, target) != null) {
                throw new IllegalStateException(setting + ": " + domain + " is routed twice");
            }
        }
        return new TransportMap(routes);
    }

    /** The route of {@code domain}: its own entry, else the smart host, else none (DNS decides). */
    public Optional<HostAndPort> routeOf(String domain) {
        HostAndPort own = routes.get(domain.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(own != null ? own : routes.get(SMART_HOST));
    }

    private static HostAndPort hostAndPort(String text, String setting, String entry) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(setting, entry);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostAndPort(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw invalid(setting, entry);
        }
    }

    private static IllegalStateException invalid(String setting, String entry) {
        return new IllegalStateException(setting + ": '" + entry + "' is not domain=host:port (or *=host:port)");
    }
}
