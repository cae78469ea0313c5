package fr.mssante.ejb.metrics;

import fr.mssante.connector.api.metrics.MailMetricsSink;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Gives the connector its meters while the application is deployed (ADR 0026). */
@Singleton
@Startup
public class MetricsStartup {

    @Inject
    private MeterRegistry registry;

    @Inject
    private MailFlowMeters flow;

    private ConnectorMeters meters;

    @PostConstruct
    void install() {
        meters = new ConnectorMeters(registry);
        MailMetricsSink.install(meters);
        flow.exposeKnownSeries();
    }

    @PreDestroy
    void uninstall() {
        MailMetricsSink.uninstall(meters);
    }
}
