package fr.mssante.ejb.tenant;

import fr.mssante.ejb.identity.AppPasswordService;
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
 * the establishment "Hôpital de démonstration", its domain, one mailbox of each type, and the app
 * password {@value #DEMO_APP_PASSWORD} of dr.martin@ for IMAP. Idempotent.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class DemoData {

    public static final String DOMAIN = "hopital-demo.mssante.fr";
    public static final String DR_MARTIN = "dr.martin@" + DOMAIN;
    /** Documented in the README; dev mode only. */
    public static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";
    private static final String DEMO_DEVICE = "démo";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @EJB
    private TenantService tenants;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private AppPasswordService appPasswords;

    @PostConstruct
    void load() {
        if (!Boolean.getBoolean("mssante.demo-data")) {
            return;
        }
        Tenant tenant = tenants.ensureTenant("Hôpital de démonstration", "750000001");
        tenants.ensureDomain(tenant, DOMAIN);
        create(DR_MARTIN, MailboxType.PER, "Dr Jean Martin", "810001234567");
        create("secretariat.cardio@" + DOMAIN, MailboxType.ORG, "Secrétariat de cardiologie", null);
        create("dpi@" + DOMAIN, MailboxType.APP, "Dossier patient informatisé", null);
        if (!appPasswords.exists(DR_MARTIN, DEMO_DEVICE)) {
            appPasswords.createWithSecret(DR_MARTIN, DEMO_DEVICE, DEMO_APP_PASSWORD);
        }
        LOG.info("demo data ready: tenant 'Hôpital de démonstration', domain " + DOMAIN);
    }

    private void create(String address, MailboxType type, String displayName, String nationalId) {
        if (mailboxes.find(address).isEmpty()) {
            mailboxes.create(new NewMailbox(address, type, displayName, nationalId, null));
        }
    }
}
