package fr.mssante.ejb.metrics;

import fr.mssante.connector.api.Settings;
import fr.mssante.connector.api.tls.KeyFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code mssante_certificate_expiry_seconds{certificate="server"|"relay"}}: seconds until the notAfter of
 * the leaf certificate of the mail listeners ({@code mssante.tls.certificate}) and of the relay's client
 * certificate ({@code mssante.relay.certificate}, by default the same file). An IGC Santé certificate
 * that lapses stops every exchange with the other operators, hence an alert 30 days ahead. The files are
 * read again every 10 minutes, so a renewed certificate shows without a restart; a certificate that is not
 * configured has no series.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CertificateGauges {

    static final String EXPIRY = "mssante.certificate.expiry.seconds";

    private static final Logger LOG = Logger.getLogger(CertificateGauges.class.getName());
    private static final String SERVER_CERTIFICATE = "mssante.tls.certificate";
    private static final String RELAY_CERTIFICATE = "mssante.relay.certificate";

    @Inject
    private MeterRegistry registry;

    /** notAfter by certificate label, of the files as last read; held here (the registry's reference is weak). */
    private final Map<String, Instant> notAfter = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        refresh();
    }

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    public void refresh() {
        read("server", Settings.configured(SERVER_CERTIFICATE), SERVER_CERTIFICATE);
        // The relay's default is the listeners' certificate, as RelaySettings has it.
        String relay = Settings.configured(RELAY_CERTIFICATE);
        read("relay", relay == null ? Settings.configured(SERVER_CERTIFICATE) : relay, RELAY_CERTIFICATE);
    }

    private void read(String label, String file, String setting) {
        if (file == null) {
            return;
        }
        try {
            X509Certificate leaf = KeyFiles.certificates(Path.of(file), setting).get(0);
            if (notAfter.put(label, leaf.getNotAfter().toInstant()) == null) {
                registry.gauge(EXPIRY, Tags.of("certificate", label), notAfter, dates -> secondsUntil(dates.get(label)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the " + label + " certificate for its expiry metric", e);
        }
    }

    private static double secondsUntil(Instant instant) {
        return instant.getEpochSecond() - Instant.now().getEpochSecond();
    }

}
