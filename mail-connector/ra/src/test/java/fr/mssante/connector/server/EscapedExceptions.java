package fr.mssante.connector.server;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records the exceptions the engines caught as bugs while a fuzz input ran. The session handlers and
 * the IMAP session catch every unexpected exception (the connection must survive or close cleanly), so
 * a failure does not reach the test: it shows only as a WARNING (or worse) logged with its stack trace,
 * which is what this collects. Expected conditions (a peer reset, a listener refusal) log without a
 * throwable or below WARNING and are not counted.
 */
public final class EscapedExceptions implements AutoCloseable {

    private static final Logger ENGINES = Logger.getLogger("fr.mssante.connector");

    private final List<Throwable> caught = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (caught) {
                    caught.add(record.getThrown());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private EscapedExceptions() {
        ENGINES.addHandler(handler);
    }

    /** Starts recording; close to stop. */
    public static EscapedExceptions record() {
        return new EscapedExceptions();
    }

    /** The exceptions logged as failures since {@link #record()}. */
    public List<Throwable> caught() {
        synchronized (caught) {
            return List.copyOf(caught);
        }
    }

    @Override
    public void close() {
        ENGINES.removeHandler(handler);
    }
}
