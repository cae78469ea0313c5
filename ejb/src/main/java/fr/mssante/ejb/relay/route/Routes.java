package fr.mssante.ejb.relay.route;

import fr.mssante.ejb.relay.smtp.HostAndPort;
import fr.mssante.ejb.relay.smtp.SmtpFailure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where mail for a domain goes (RFC 5321 section 5.1): the static transport map first, else the domain's MX
 * hosts by preference (equal preferences in random order, to spread the load as the RFC asks), else the
 * domain itself as implicit MX when it has an address. A null MX (RFC 7505) or a domain that does not exist
 * is a permanent failure; a DNS failure is a temporary one.
 */
public final class Routes {

    static final int SMTP_PORT = 25;

    private final TransportMap transport;
    private final MxResolver dns;
    private final Consumer<List<HostAndPort>> shuffle;

    public Routes(TransportMap transport, MxResolver dns) {
        this(transport, dns, Collections::shuffle);
    }

    Routes(TransportMap transport, MxResolver dns, Consumer<List<HostAndPort>> shuffle) {
        this.transport = transport;
        this.dns = dns;
        this.shuffle = shuffle;
    }

    /** The hosts to try, in order; never empty. */
    public List<HostAndPort> resolve(String domain) throws SmtpFailure {
        var routed = transport.routeOf(domain);
        if (routed.isPresent()) {
            return List.of(routed.get());
        }
        try {
            List<MxRecord> records = dns.mx(domain);
            if (records.stream().anyMatch(MxRecord::isNull)) {
                // RFC 7505 section 4.1: do not try any host; 5.1.10 "recipient address has null MX".
                throw SmtpFailure.permanent("5.1.10", domain + " accepts no mail (null MX, RFC 7505)", null);
            }
            if (records.isEmpty()) {
                if (!dns.hasAddress(domain)) {
                    throw SmtpFailure.permanent("5.1.2", domain + " has neither MX nor address record", null);
                }
                return List.of(new HostAndPort(domain, SMTP_PORT));
            }
            return byPreference(records);
        } catch (DnsFailure e) {
            if (e.nonexistentDomain()) {
                throw SmtpFailure.permanent("5.1.2", domain + " does not exist (DNS NXDOMAIN)", null);
            }
            throw SmtpFailure.temporary("4.4.3", "DNS look-up for " + domain + " failed: " + e.getMessage(), null, e);
        }
    }

    private List<HostAndPort> byPreference(List<MxRecord> records) {
        Map<Integer, List<HostAndPort>> groups = new TreeMap<>(Comparator.naturalOrder());
        for (MxRecord record : records) {
            groups.computeIfAbsent(record.preference(), p -> new ArrayList<>())
                    .add(new HostAndPort(record.exchange(), SMTP_PORT));
        }
        List<HostAndPort> ordered = new ArrayList<>();
        for (List<HostAndPort> group : groups.values()) {
            shuffle.accept(group);
            ordered.addAll(group);
        }
        return ordered;
    }
}
