package fr.mssante.connector.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The threads a server runs on in tests, in place of the container's WorkManager: two event loops and
 * a pool of listener workers. As a static {@code @RegisterExtension} it lives as long as the test class.
 */
public final class TestThreads implements AfterAllCallback, AutoCloseable {

    private final EventLoopGroup eventLoops = new NioEventLoopGroup(2);
    private final ExecutorService workers;

    public TestThreads(int workers) {
        this.workers = Executors.newFixedThreadPool(workers);
    }

    public EventLoopGroup eventLoops() {
        return eventLoops;
    }

    public ExecutorService workers() {
        return workers;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    /** The files in a spool directory: none must be left behind. */
    /**
     * The files left in {@code directory} once the worker threads are done with them: a spool is discarded by
     * the worker that ran {@code deliver}, possibly just after the client has read the reply.
     */
    public static List<Path> filesLeft(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!files(directory).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return files(directory);
    }

    public static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
