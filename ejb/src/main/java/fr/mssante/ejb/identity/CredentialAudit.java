package fr.mssante.ejb.identity;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.mailbox.Mailbox;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;

/**
 * Audit events of the changes to who may open a mailbox (app passwords, delegations, certificates), in
 * the changing transaction: recorded if and only if the change committed.
 */
@Stateless
public class CredentialAudit {

    @EJB
    private AuditPublisher audit;

    /**
     * @param actor who did it: {@code api:<username>} for the REST API, {@code system:<component>} otherwise
     */
    public void record(AuditAction action, String actor, Mailbox mailbox, String details) {
        audit.publish(action, actor, mailbox.getTenantId(), null, null, List.of(), "success",
                "mailbox=" + mailbox.getAddress() + " " + details);
    }
}
