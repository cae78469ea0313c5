package fr.mssante.ejb.tenant;

import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.NewMailbox;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.logging.Logger;

/**
 * Dev-mode demo data ({@code -Dmssante.demo-data=true}, set by {@code ./mssante run} and the tests):
 * the establishment "Hôpital de démonstration", its domain and one mailbox of each type. Idempotent.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class DemoData {

    public static final String DOMAIN = "hopital-demo.mssante.fr";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @EJB
    private TenantService tenants;

    @EJB
    private MailboxService mailboxes;

    @PostConstruct
    void load() {
        if (!Boolean.getBoolean("mssante.demo-data")) {
            return;
        }
        Tenant tenant = tenants.ensureTenant("Hôpital de démonstration", "750000001");
        tenants.ensureDomain(tenant, DOMAIN);
        create("dr.martin@" + DOMAIN, MailboxType.PER, "Dr Jean Martin", "810001234567");
        create("secretariat.cardio@" + DOMAIN, MailboxType.ORG, "Secrétariat de cardiologie", null);
        create("dpi@" + DOMAIN, MailboxType.APP, "Dossier patient informatisé", null);
        LOG.info("demo data ready: tenant 'Hôpital de démonstration', domain " + DOMAIN);
    }

    private void create(String address, MailboxType type, String displayName, String nationalId) {
        if (mailboxes.find(address).isEmpty()) {
            mailboxes.create(new NewMailbox(address, type, displayName, nationalId, null));
        }
    }
}
