package fr.mssante.connector.api.metrics;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the adapter finds the application's {@link MailMetrics}. A plain in-JVM holder, like
 * {@link fr.mssante.connector.api.imap.MailboxChangeBus}: the RAR's classes are shared by the EAR's
 * modules, and the adapter starts before the application's beans, so it reads the holder at each event
 * (one volatile read) rather than capturing an instance when its listeners start.
 */
public final class MailMetricsSink {

    private static final AtomicReference<MailMetrics> CURRENT = new AtomicReference<>(MailMetrics.NONE);

    private MailMetricsSink() {
    }

    public static MailMetrics current() {
        return CURRENT.get();
    }

    public static void install(MailMetrics metrics) {
        CURRENT.set(Objects.requireNonNull(metrics, "metrics"));
    }

    /** Back to {@link MailMetrics#NONE}, if {@code metrics} is still the one installed (undeployment). */
    public static void uninstall(MailMetrics metrics) {
        CURRENT.compareAndSet(metrics, MailMetrics.NONE);
    }
}
