package fr.mssante.ejb.delivery;

import fr.mssante.connector.api.Settings;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.Locale;

/**
 * How many delivery requests one delivery transaction takes at most (ADR 0034), from
 * {@code mssante.delivery.batch-size} (system property) or {@code MSSANTE_DELIVERY_BATCH_SIZE} (environment),
 * default {@value #DEFAULT}. One transaction costs the same fsyncs (PostgreSQL commit, Artemis journal) and the
 * same audit and mailbox-event sends whether it delivers one message or twenty, so a backlog is delivered in
 * batches; when the queue is short a batch is just the one waiting request, so latency does not wait for a
 * batch to fill. {@code 1} gives one message per transaction.
 *
 * <p>A startup singleton so that an invalid value fails the deployment naming the setting.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryBatchSize {

    static final String PROPERTY = "mssante.delivery.batch-size";
    static final String ENVIRONMENT = "MSSANTE_DELIVERY_BATCH_SIZE";
    static final int DEFAULT = 16;
    /** Bounds one transaction's locks and duration (a batch holds its folders' row locks until commit). */
    static final int MAX = 256;

    private final int value = parse(Settings.configured(PROPERTY, ENVIRONMENT));

    public int value() {
        return value;
    }

    /** @throws IllegalStateException naming the setting and the accepted range */
    static int parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(configured.strip());
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "%s (or %s) must be a whole number from 1 to %d, not '%s'",
                PROPERTY, ENVIRONMENT, MAX, configured));
    }
}
