package fr.mssante.web.api;

import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.trust.RefreshOutcome;
import fr.mssante.ejb.trust.WhitelistEntry;
import fr.mssante.ejb.trust.WhitelistService;
import fr.mssante.ejb.trust.WhitelistSnapshot;
import fr.mssante.ejb.trust.WhitelistStatus;
import fr.mssante.ejb.trust.WhitelistStore;
import fr.mssante.ejb.trust.WhitelistVersion;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import javax.security.auth.x500.X500Principal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The national whitelist of MSSanté domains as this platform uses it (ADR 0016): the version in use,
 * its age and the state of fetching, its domains page by page, the history of versions, and a manual
 * refresh. The list is public data of the trust space: an establishment's administrator reads it like
 * the operator, only the operator refreshes it.
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/whitelist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "whitelist", description = "The national whitelist of MSSanté domains (liste blanche): version in use, history, refresh")
public class WhitelistResource {

    static final Set<String> SORTABLE = Set.of("domain");

    @EJB
    private WhitelistService whitelist;

    @EJB
    private WhitelistStore store;

    @Inject
    private Caller caller;

    /** The version in use and the fetch state, with one page of its domains. */
    public record WhitelistView(Version current, boolean empty, Long ageSeconds, boolean stale, OffsetDateTime confirmedAt,
                                OffsetDateTime lastAttemptAt, boolean lastAttemptFailed, OffsetDateTime lastSuccessAt,
                                String lastError, OffsetDateTime lastErrorAt, String source, long refreshMinutes,
                                Page<WhitelistEntry> domains) {
    }

    /** One stored version, as listed. */
    public record Version(long version, OffsetDateTime fetchedAt, OffsetDateTime lastCheckedAt, String sha256,
                          int sizeBytes, String generated, OffsetDateTime generatedAt, int domainCount,
                          List<String> warnings, String sourceUrl, String fetchedBy) {

        static Version of(WhitelistVersion v) {
            return v == null ? null : new Version(v.id(), v.fetchedAt(), v.lastCheckedAt(), v.sha256(), v.sizeBytes(),
                    v.generatedText(), v.generatedAt(), v.domainCount(), v.warnings(), v.sourceUrl(), v.fetchedBy());
        }
    }

    /** What a manual refresh did, and the list in use after it. */
    public record RefreshView(String result, Version current) {
    }

    @GET
    @Operation(summary = "The whitelist in use: version, age, last attempt and error, and its domains page by page")
    public WhitelistView current(@QueryParam("q") @Parameter(description = "part of the domain name") String q,
                                 @QueryParam("operator") @Parameter(description = "an operator certificate subject DN: "
                                         + "the domains it serves (compared as a distinguished name, not as text)") String operator,
                                 @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                 @QueryParam("sort") @Parameter(description = "domain; ,asc or ,desc") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, "domain", SORTABLE);
        WhitelistStatus status = whitelist.status();
        WhitelistSnapshot snapshot = whitelist.current();
        return new WhitelistView(Version.of(status.current()), status.current() == null,
                status.age() == null ? null : status.age().toSeconds(), status.stale(), status.confirmedAt(),
                status.lastAttemptAt(), status.lastAttemptFailed(), status.lastSuccessAt(), status.lastError(),
                status.lastErrorAt(), status.source(), status.refreshPeriod().toMinutes(),
                domains(snapshot, filter(q, operator), request));
    }

    @GET
    @Path("versions")
    @Operation(summary = "Every version accepted, newest first (an identical download adds none: it moves lastCheckedAt)")
    public Page<Version> versions(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                  @QueryParam("sort") @Parameter(description = "fetchedAt; ,asc or ,desc") String sort) {
        return store.versions(PageRequest.of(page, size, sort, WhitelistStore.DEFAULT_SORT, WhitelistStore.SORTABLE))
                .map(Version::of);
    }

    @POST
    @Path("refresh")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Operation(summary = "Fetch the whitelist now (operator administrators)",
            description = "200 with UPDATED or UNCHANGED; a download that fails, is truncated, unparsable or does not "
                    + "match its published SHA-256 is refused with a 502 problem and the list in use stays")
    public RefreshView refresh() {
        RefreshOutcome outcome = whitelist.refreshNow(caller.actor());
        if (outcome.result() == RefreshOutcome.Result.REJECTED) {
            throw new ProblemException(Response.Status.BAD_GATEWAY, "whitelist download refused: " + outcome.detail()
                    + "; the list in use stays " + (outcome.version() == null ? "empty"
                    : "version " + outcome.version().id() + " (sha256 " + outcome.version().sha256() + ")"));
        }
        return new RefreshView(outcome.result().name(), Version.of(outcome.version()));
    }

    private static Page<WhitelistEntry> domains(WhitelistSnapshot snapshot, Predicate<WhitelistEntry> filter, PageRequest page) {
        List<WhitelistEntry> matching = snapshot.entries().stream().filter(filter).toList();
        if (page.descending()) {
            matching = matching.stream().sorted(Comparator.comparing(WhitelistEntry::domain).reversed()).toList();
        }
        int from = (int) Math.min(matching.size(), (long) page.offset());
        int to = Math.min(matching.size(), from + page.size());
        return new Page<>(matching.subList(from, to), page.page(), page.size(), matching.size());
    }

    private static Predicate<WhitelistEntry> filter(String q, String operator) {
        Predicate<WhitelistEntry> filter = entry -> true;
        if (q != null && !q.isEmpty()) {
            String part = q.toLowerCase(Locale.ROOT);
            filter = filter.and(entry -> entry.domain().contains(part));
        }
        if (operator != null && !operator.isEmpty()) {
            X500Principal subject = subject(operator);
            filter = filter.and(entry -> entry.trusted().declares(subject));
        }
        return filter;
    }

    private static X500Principal subject(String dn) {
        try {
            return new X500Principal(dn);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("operator", "not a distinguished name (e.g. CN=mx.example.fr,O=Operator,C=FR)");
        }
    }
}
