package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.InvalidFieldException;
import fr.mssante.ejb.tenant.MailDomain;
import fr.mssante.ejb.tenant.TenantService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates mailboxes from a CSV file ({@link MailboxCsv}). A dry run checks every line and reports
 * what would happen, touching nothing; a real run creates the lines without errors, in one
 * transaction. An address that already exists is UNCHANGED, so running the same file again creates
 * nothing new (and a line that failed can be fixed and the whole file sent again).
 */
@Stateless
public class MailboxImport {

    @EJB
    private MailboxService mailboxes;

    @EJB
    private TenantService tenants;

    /**
     * @param establishment the FINESS every address must belong to (a tenant administrator's); null for any
     */
    public ImportReport run(Reader csv, boolean dryRun, String establishment, String actor) {
        List<ImportReport.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MailboxCsv.Row row : MailboxCsv.read(csv)) {
            List<InvalidFieldException> errors = new ArrayList<>(row.errors());
            CanonicalAddress address = errors.stream().anyMatch(e -> e.field().equals("address"))
                    ? null : CanonicalAddress.parse(row.address(), "address");
            if (address != null) {
                Optional<MailDomain> domain = tenants.findDomain(address.domain().name());
                if (domain.isEmpty() || (establishment != null && !establishment.equals(domain.get().getTenant().getFiness()))) {
                    errors.add(0, new InvalidFieldException("address", establishment == null
                            ? "domain " + address.domain() + " is not hosted here"
                            : "domain " + address.domain() + " is not hosted for your establishment"));
                }
            }
            String shown = address == null ? row.address() : address.value();
            if (!errors.isEmpty()) {
                lines.add(new ImportReport.Line(row.line(), shown, ImportReport.Action.ERROR, errors.stream()
                        .map(e -> new ImportReport.FieldError(e.field(), e.reason())).toList()));
            } else if (!seen.add(address.value()) || mailboxes.find(address.value()).isPresent()) {
                lines.add(new ImportReport.Line(row.line(), shown, ImportReport.Action.UNCHANGED, List.of()));
            } else {
                if (!dryRun) {
                    mailboxes.create(address, row.request(), actor);
                }
                lines.add(new ImportReport.Line(row.line(), shown, ImportReport.Action.CREATE, List.of()));
            }
        }
        return ImportReport.of(dryRun, lines);
    }
}
