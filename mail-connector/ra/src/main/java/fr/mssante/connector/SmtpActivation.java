package fr.mssante.connector;

import fr.mssante.connector.smtp.BoundedListenerInvoker;
import fr.mssante.connector.smtp.SmtpServer;
import fr.mssante.connector.smtp.SmtpServerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The SMTP servers bound to one activated message endpoint, with the threads they use: one event
 * loop group shared by the listeners, one bounded pool of listener calls, all of them WorkManager work.
 */
final class SmtpActivation {

    private static final Logger LOG = Logger.getLogger(SmtpActivation.class.getName());

    /**
     * SMTP is I/O bound and the listener calls run elsewhere: a few event loops serve thousands of
     * connections. Each one permanently holds a WorkManager thread, hence the cap.
     */
    private static final int EVENT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** How long a deactivation waits for sessions and listener calls in progress. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

    private final EventLoopGroup eventLoops;
    private final BoundedListenerInvoker invoker;
    private final List<SmtpServer> servers = new ArrayList<>();

    SmtpActivation(MessageEndpointFactory factory, WorkManager workManager, boolean hintsSupported, int workerThreads) {
        this.eventLoops = new NioEventLoopGroup(EVENT_LOOPS,
                new WorkManagerExecutor(workManager, "mssante-smtp-io", true, hintsSupported));
        this.invoker = new BoundedListenerInvoker(
                new WorkManagerExecutor(workManager, "mssante-smtp-listener", false, hintsSupported),
                workerThreads, new EndpointListenerScope(factory));
    }

    /** Starts one server per configuration; on failure, stops what was started. */
    void start(List<SmtpServerConfig> listeners) throws ResourceException {
        try {
            for (SmtpServerConfig config : listeners) {
                SmtpServer server = new SmtpServer(config, eventLoops, invoker);
                server.start();
                servers.add(server);
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw new ResourceException("Cannot start the SMTP services: " + e.getMessage(), e);
        }
    }

    /**
     * Graceful stop within {@link #GRACE_PERIOD} overall: close the listening sockets, let sessions
     * finish their listener call and say 421, wait for calls whose client has already gone, then end
     * the event loops.
     */
    void stop() {
        Instant deadline = Instant.now().plus(GRACE_PERIOD);
        servers.forEach(server -> server.stop(remaining(deadline)));
        servers.clear();
        try {
            if (!invoker.awaitIdle(remaining(deadline))) {
                LOG.warning("Listener calls still running after " + GRACE_PERIOD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
