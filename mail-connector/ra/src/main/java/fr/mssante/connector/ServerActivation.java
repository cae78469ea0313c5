package fr.mssante.connector;

import fr.mssante.connector.server.BoundedListenerInvoker;
import fr.mssante.connector.server.NetworkService;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.work.WorkManager;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The services bound to one activated message endpoint (the SMTP pair, or IMAP), with the threads they
 * use: one event loop group shared by the services and one bounded pool of listener calls, all of them
 * WorkManager work.
 */
final class ServerActivation {

    private static final Logger LOG = Logger.getLogger(ServerActivation.class.getName());

    /**
     * Mail protocols are I/O bound and the listener calls run elsewhere: a few event loops serve
     * thousands of connections. Each one permanently holds a WorkManager thread, hence the cap.
     */
    private static final int EVENT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** How long a deactivation waits for sessions and listener calls in progress. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

    private final String protocol;
    private final EventLoopGroup eventLoops;
    private final Executor workers;
    private final List<NetworkService> services = new ArrayList<>();
    private List<BoundedListenerInvoker<?, ?>> invokers = List.of();

    /** @param protocol names the threads: {@code mssante-<protocol>-io}, {@code mssante-<protocol>-listener} */
    ServerActivation(String protocol, WorkManager workManager, boolean hintsSupported) {
        this.protocol = protocol;
        this.eventLoops = new NioEventLoopGroup(EVENT_LOOPS,
                new WorkManagerExecutor(workManager, "mssante-" + protocol + "-io", true, hintsSupported));
        this.workers = new WorkManagerExecutor(workManager, "mssante-" + protocol + "-listener", false, hintsSupported);
    }

    EventLoopGroup eventLoops() {
        return eventLoops;
    }

    /** Where listener calls run: short work, bounded by the invoker given to {@link #start}. */
    Executor workers() {
        return workers;
    }

    /** Starts the services; on failure, stops what was started. */
    void start(List<? extends NetworkService> toStart, BoundedListenerInvoker<?, ?>... callInvokers) throws ResourceException {
        this.invokers = List.of(callInvokers);
        try {
            for (NetworkService service : toStart) {
                service.start();
                services.add(service);
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw new ResourceException("Cannot start the " + protocol + " services: " + e.getMessage(), e);
        }
    }

    /**
     * Graceful stop within {@link #GRACE_PERIOD} overall: close the listening sockets, let sessions
     * finish their listener call and say goodbye, wait for calls whose client has already gone, then end
     * the event loops.
     */
    void stop() {
        Instant deadline = Instant.now().plus(GRACE_PERIOD);
        services.forEach(service -> service.stop(remaining(deadline)));
        services.clear();
        try {
            for (BoundedListenerInvoker<?, ?> invoker : invokers) {
                if (!invoker.awaitIdle(remaining(deadline))) {
                    LOG.warning("Listener calls still running after " + GRACE_PERIOD);
                }
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
