package fr.mssante.ejb.relay.smtp;

import fr.mssante.ejb.relay.RelayTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionPoolTest {

    @TempDir
    static Path files;

    private static TestPki pki;
    private static ClientTls clientTls;
    private static TestPki.Issued peerCertificate;

    private ScriptedSmtpServer server;
    private MutableClock clock;
    private ConnectionPool pool;

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("CN=Pool test CA,C=FR");
        peerCertificate = pki.issueServer("CN=mx.peer.test,C=FR");
        Path[] ours = pki.issueClient("CN=relay.test,C=FR").writePem(files, "client");
        clientTls = RelayTls.load(ours[0], "c", ours[1], "k", pki.writeCa(files, "ca"), "t");
    }

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedSmtpServer(peerCertificate.serverContext(pki.ca()));
        clock = new MutableClock();
        pool = new ConnectionPool(2, Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() throws Exception {
        pool.closeAll();
        server.close();
    }

    private SmtpClientConnection open() throws SmtpFailure {
        Duration t = Duration.ofSeconds(5);
        return SmtpClientConnection.open(server.address(), "relay.test", clientTls,
                new SmtpTimeouts(t, t, t, t, t, t), leaf -> null);
    }

    @Test
    void atMostTheLimitOfLeasesPerDestinationAndOthersAreIndependent() {
        Optional<ConnectionPool.Lease> first = pool.tryAcquire("peer.fr");
        Optional<ConnectionPool.Lease> second = pool.tryAcquire("peer.fr");

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(pool.tryAcquire("peer.fr")).as("third connection to the same destination").isEmpty();
        assertThat(pool.tryAcquire("other.fr")).isPresent();

        first.get().close();
        first.get().close(); // closing twice releases once
        assertThat(pool.tryAcquire("peer.fr")).isPresent();
        assertThat(pool.tryAcquire("peer.fr")).isEmpty();
    }

    @Test
    void aKeptConnectionIsReusedAfterRsetAndQuitOnceIdleTooLong() throws Exception {
        SmtpClientConnection connection = open();
        try (ConnectionPool.Lease lease = pool.tryAcquire("peer.fr").orElseThrow()) {
            lease.keep(connection);
        }
        try (ConnectionPool.Lease lease = pool.tryAcquire("peer.fr").orElseThrow()) {
            assertThat(lease.reuse()).containsSame(connection);
            assertThat(server.commands).endsWith("RSET");
            lease.keep(connection);
        }
        assertThat(server.connections).hasSize(1);

        clock.now = clock.now.plusSeconds(29);
        pool.closeIdle();
        assertThat(server.commands).doesNotContain("QUIT");

        clock.now = clock.now.plusSeconds(2);
        pool.closeIdle();
        assertThat(server.commands).endsWith("QUIT");
        try (ConnectionPool.Lease lease = pool.tryAcquire("peer.fr").orElseThrow()) {
            assertThat(lease.reuse()).isEmpty();
        }
    }

    @Test
    void aBrokenConnectionIsNotKept() throws Exception {
        SmtpClientConnection connection = open();
        connection.close();
        try (ConnectionPool.Lease lease = pool.tryAcquire("peer.fr").orElseThrow()) {
            lease.keep(connection);
            assertThat(lease.reuse()).isEmpty();
        }
    }
}
