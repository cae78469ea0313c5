package fr.mssante.web.health;

import fr.mssante.ejb.trust.WhitelistService;
import fr.mssante.ejb.trust.WhitelistStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's health: UP when the database and the broker answer, DOWN otherwise, with the state and
 * the error of each check, plus the depth of the delivery queue and the age of the whitelist. The public
 * {@link HealthResource} shows the verdict only; the details (exception messages, queue depth, list
 * versions) are the operator's ({@code GET /api/v1/health}, ADR 0022).
 *
 * <p>The whitelist is reported, not required: a stale or empty list ({@code "status": "STALE"}) leaves
 * the node serving (hosted domains still exchange mail, and taking every node out of a load balancer
 * because the national list is unreachable would stop that too), so it does not turn the answer to 503.
 */
@RequestScoped
public class HealthChecks {

    /** Browsing is linear in the queue depth: stop counting there, a probe must stay cheap. */
    private static final int QUEUE_DEPTH_CAP = 1000;

    @Resource(lookup = "java:jboss/datasources/MssanteDS")
    private DataSource dataSource;

    /** Non-XA factory: a health probe must not join or start transactions. */
    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/DeliveryQueue")
    private Queue deliveryQueue;

    @EJB
    private WhitelistService whitelist;

    /** The verdict and each check's details. */
    public record Report(boolean up, Map<String, Object> checks) {

        public String status() {
            return up ? "UP" : "DOWN";
        }

        /** 200 when up, 503 when down: what a load balancer's probe reads. */
        public Response.Status httpStatus() {
            return up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE;
        }
    }

    public Report run() {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", check(this::database));
        checks.put("broker", check(this::broker));
        boolean up = checks.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        checks.put("whitelist", whitelist());
        return new Report(up, checks);
    }

    /** A probe that returns details to show when it succeeds, and throws when it fails. */
    @FunctionalInterface
    private interface Probe {
        Map<String, Object> run() throws Exception;
    }

    private static Map<String, Object> check(Probe probe) {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            result.put("status", "UP");
            result.putAll(probe.run());
        } catch (Exception e) {
            result.put("status", "DOWN");
            result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return result;
    }

    private Map<String, Object> database() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
                rs.next();
                return Map.of("schemaVersion", String.valueOf(rs.getString(1)));
            }
        }
    }

    /** The list in use (age since it was last confirmed current, stale flag) and the last fetch attempt. */
    private Map<String, Object> whitelist() {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            WhitelistStatus status = whitelist.status();
            result.put("status", status.stale() ? "STALE" : "UP");
            result.put("domains", status.domainCount());
            result.put("version", status.current() == null ? null : status.current().id());
            result.put("confirmedAt", status.confirmedAt() == null ? null : status.confirmedAt().toString());
            result.put("ageSeconds", status.age() == null ? null : status.age().toSeconds());
            result.put("stale", status.stale());
            result.put("lastAttemptAt", status.lastAttemptAt() == null ? null : status.lastAttemptAt().toString());
            result.put("lastAttemptFailed", status.lastAttemptFailed());
            result.put("lastError", status.lastError());
        } catch (RuntimeException e) {
            result.put("status", "UNKNOWN");
            result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return result;
    }

    private Map<String, Object> broker() throws Exception {
        try (JMSContext jms = connectionFactory.createContext();
             QueueBrowser browser = jms.createBrowser(deliveryQueue)) {
            Enumeration<?> waiting = browser.getEnumeration();
            int depth = 0;
            while (depth < QUEUE_DEPTH_CAP && waiting.hasMoreElements()) {
                waiting.nextElement();
                depth++;
            }
            return Map.of("deliveryQueueDepth", depth < QUEUE_DEPTH_CAP ? Integer.toString(depth) : depth + "+");
        }
    }
}
