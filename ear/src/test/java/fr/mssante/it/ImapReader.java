package fr.mssante.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IMAP client behind the load balancer that carries on: LOGIN, SELECT INBOX, then NOOP and STATUS every
 * {@code pauseMillis}. When its connection breaks (its node killed), it connects again until it is served,
 * and keeps how long it was without service. A NO or BAD is a protocol error, kept apart.
 */
final class ImapReader implements Runnable {

    private final int port;
    private final Path caCertificate;
    private final String user;
    private final String password;
    private final long pauseMillis;

    final AtomicInteger commandsOk = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    final Queue<String> protocolErrors = new ConcurrentLinkedQueue<>();
    volatile Instant lastOk = Instant.EPOCH;
    volatile Duration longestOutage = Duration.ZERO;
    private volatile boolean stopped;

    ImapReader(int port, Path caCertificate, String user, String password, long pauseMillis) {
        this.port = port;
        this.caCertificate = caCertificate;
        this.user = user;
        this.password = password;
        this.pauseMillis = pauseMillis;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        Instant brokenAt = null;
        while (!stopped) {
            try (ImapWire imap = new ImapWire(port, caCertificate)) {
                imap.command("LOGIN " + user + " " + password);
                imap.command("SELECT INBOX");
                if (brokenAt != null) {
                    Duration outage = Duration.between(brokenAt, Instant.now());
                    longestOutage = outage.compareTo(longestOutage) > 0 ? outage : longestOutage;
                    reconnects.incrementAndGet();
                    brokenAt = null;
                }
                while (!stopped) {
                    imap.command("NOOP");
                    imap.command("STATUS INBOX (MESSAGES UIDNEXT)");
                    commandsOk.addAndGet(2);
                    lastOk = Instant.now();
                    Thread.sleep(pauseMillis);
                }
                imap.command("LOGOUT");
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains(" failed: ")) {
                    protocolErrors.add(e.getMessage()); // NO / BAD from a live server, not a lost connection
                }
                if (brokenAt == null) {
                    brokenAt = Instant.now();
                }
                pause(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
