package fr.mssante.ejb.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector's events as the registry sees them (names as Micrometer gives them to Prometheus). */
class ConnectorMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConnectorMeters meters = new ConnectorMeters(registry);

    @Test
    void openConnectionsCountAdmittedOnesUntilTheyClose() {
        meters.connectionOpened("imap", "admitted");
        meters.connectionOpened("imap", "admitted");
        meters.connectionOpened("imap", "too_many");
        meters.connectionClosed("imap");

        assertThat(registry.get("mssante.connections.open").tag("service", "imap").gauge().value()).isEqualTo(1);
        assertThat(registry.get("mssante.connections").tags("service", "imap", "admission", "admitted").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("mssante.connections").tags("service", "imap", "admission", "too_many").counter().count())
                .isEqualTo(1);
    }

    @Test
    void smtpTransactionsAreCountedByOutcomeAndReason() {
        meters.smtpTransactionEnded("mx", "accepted", "2.0.0");
        meters.smtpTransactionEnded("mx", "accepted", "2.0.0");
        meters.smtpTransactionEnded("mx", "rejected", "5.7.1");

        assertThat(registry.get("mssante.smtp.transactions").tags("service", "mx", "outcome", "accepted", "reason", "2.0.0")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("mssante.smtp.transactions").tags("outcome", "rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void imapCommandsGetATimerAndCumulativeLatencyBuckets() {
        meters.imapCommand("FETCH", "OK", TimeUnit.MILLISECONDS.toNanos(30));
        meters.imapCommand("FETCH", "OK", TimeUnit.MILLISECONDS.toNanos(700));

        assertThat(registry.get("mssante.imap.commands").tags("command", "FETCH", "status", "OK").timer().count())
                .isEqualTo(2);
        assertThat(bucket("0.025")).as("30 ms is above 25 ms").isZero();
        assertThat(bucket("0.05")).isEqualTo(1);
        assertThat(bucket("0.5")).as("700 ms is above 500 ms").isEqualTo(1);
        assertThat(bucket("1.0")).isEqualTo(2);
        assertThat(bucket("+Inf")).isEqualTo(2);
    }

    private double bucket(String le) {
        var counter = registry.find("mssante.imap.commands.latency")
                .tags("command", "FETCH", "status", "OK", "le", le).counter();
        return counter == null ? 0 : counter.count();
    }
}
