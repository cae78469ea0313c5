/**
 * Prometheus metrics (ADR 0026), written with the Micrometer API to the registry WildFly's micrometer
 * subsystem injects and serves on the management interface ({@code /prometheus}). Every name starts
 * with {@code mssante_}; every label comes from a closed set (service, outcome, mechanism, command,
 * queue): never a user, an address or a domain, so the number of series stays bounded.
 *
 * <p>The connector reports through {@link fr.mssante.connector.api.metrics.MailMetrics}
 * ({@link fr.mssante.ejb.metrics.ConnectorMeters}, installed by {@link fr.mssante.ejb.metrics.MetricsStartup});
 * the services through {@link fr.mssante.ejb.metrics.MailFlowMeters}; gauges read the database and the
 * key files on a timer ({@link fr.mssante.ejb.metrics.QueueGauges}, {@link fr.mssante.ejb.metrics.CertificateGauges}).
 */
package fr.mssante.ejb.metrics;
