package fr.mssante.ejb.relay;

import fr.mssante.ejb.relay.route.JndiMxResolver;
import fr.mssante.ejb.relay.route.Routes;
import fr.mssante.ejb.relay.smtp.ClientTls;
import fr.mssante.ejb.relay.smtp.ConnectionPool;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the relay keeps per node: its settings (read once; an invalid one fails the deployment), the TLS
 * material, the routes, and the pool of connections to peers with its per-destination limit.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RelayNode {

    private static final Logger LOG = Logger.getLogger(RelayNode.class.getName());
    /** An idle connection is closed with QUIT after this long (Postfix's connection cache keeps them ~2 s-5 min). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private RelaySettings settings;
    private ClientTls tls;
    private Routes routes;
    private ConnectionPool pool;

    @PostConstruct
    void start() {
        settings = RelaySettings.fromSystemProperties();
        if (settings.tlsConfigured()) {
            tls = RelayTls.load(settings.certificate(), RelaySettings.CERTIFICATE, settings.privateKey(),
                    RelaySettings.PRIVATE_KEY, settings.peerTrust(), RelaySettings.PEER_TRUST);
        } else {
            LOG.warning("Relay to other operators is OFF until an operator certificate, its key and the peers' trust "
                    + "are configured (" + RelaySettings.CERTIFICATE + ", " + RelaySettings.PRIVATE_KEY + ", "
                    + RelaySettings.PEER_TRUST + ", or the mssante.tls.* files): queued mail waits and is retried");
        }
        routes = new Routes(settings.transport(), new JndiMxResolver());
        pool = new ConnectionPool(settings.maxConnectionsPerDestination(), IDLE_TIMEOUT, Clock.systemUTC());
    }

    @PreDestroy
    void stop() {
        pool.closeAll();
    }

    public RelaySettings settings() {
        return settings;
    }

    /** Empty when no key material is configured: attempts then fail temporarily and say so. */
    public Optional<ClientTls> tls() {
        return Optional.ofNullable(tls);
    }

    public Routes routes() {
        return routes;
    }

    public ConnectionPool pool() {
        return pool;
    }

    /** How long a claimed recipient is left to the node that claimed it before another may take over. */
    public Duration attemptLease() {
        return settings.timeouts().longestTransaction();
    }
}
