package fr.mssante.ejb.tenant;

import fr.mssante.ejb.identity.AppPasswordService;
import fr.mssante.ejb.identity.ClientCertificates;
import fr.mssante.ejb.identity.DelegationRight;
import fr.mssante.ejb.identity.Delegations;
import fr.mssante.ejb.identity.MailboxAccess;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.NewMailbox;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;

/**
 * Dev-mode demo data ({@code -Dmssante.demo-data=true}, set by {@code ./mssante run} and the tests):
 * the establishment "Hôpital de démonstration" (FINESS 750000001), its domain, one mailbox of each
 * type, the app password {@value #DEMO_APP_PASSWORD} of dr.martin@, the cardiology secretariat
 * delegated to Dr Martin, a mailbox for the non-numeric test identity, the APP mailbox's client
 * certificate ({@code -Dmssante.demo.app-certificate=<PEM file>}, issued by the dev CA), and a second
 * establishment (750000002) so that tenant isolation can be seen. These identities match the demo
 * professionals of the Pro Santé Connect stand-in realm. Idempotent.
 *
 * <p>With {@code -Dmssante.demo.profile=peer} the instance plays a second operator of the trust space
 * instead ({@code ./mssante peer} and the two-operator tests): one establishment hosting
 * {@value #PEER_DOMAIN} with Dr Claire Durand's mailbox {@value #PEER_DR_DURAND} (same app password).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class DemoData {

    public static final String DOMAIN = "hopital-demo.mssante.fr";
    public static final String DR_MARTIN = "dr.martin@" + DOMAIN;
    public static final String SECRETARIAT = "secretariat.cardio@" + DOMAIN;
    public static final String APP_MAILBOX = "dpi@" + DOMAIN;
    public static final String OTHER_DOMAIN = "clinique-autre.mssante.fr";
    /** The peer operator's domain (profile {@code peer}); the dev whitelist declares it. */
    public static final String PEER_DOMAIN = "peer.mssante-test.fr";
    public static final String PEER_DR_DURAND = "dr.durand@" + PEER_DOMAIN;
    private static final String DR_DURAND_NATIONAL_ID = "810009876543";
    private static final String PROFILE = "mssante.demo.profile";
    /** Documented in the README; dev mode only. */
    public static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";
    private static final String DEMO_DEVICE = "démo";
    private static final String ACTOR = "system:demo-data";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @EJB
    private TenantService tenants;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private AppPasswordService appPasswords;

    @EJB
    private MailboxAccess access;

    @EJB
    private Delegations delegations;

    @EJB
    private ClientCertificates certificates;

    @PostConstruct
    void load() {
        if (!Boolean.getBoolean("mssante.demo-data")) {
            return;
        }
        String profile = System.getProperty(PROFILE, "operator");
        Runnable load = switch (profile) {
            case "operator" -> this::loadDemoEstablishments;
            case "peer" -> this::loadPeerEstablishment;
            default -> throw new IllegalStateException(PROFILE + " must be 'operator' or 'peer', not '" + profile + "'");
        };
        // SYSTEM scope: dev-mode set-up that creates establishments; there is no caller to scope it to.
        ScopeContext.run(TenantScope.system("demo data"), load);
    }

    private void loadPeerEstablishment() {
        Tenant tenant = tenants.ensureTenant("Centre de santé du pair", "690000005");
        tenants.ensureDomain(tenant, PEER_DOMAIN);
        create(PEER_DR_DURAND, MailboxType.PER, "Dr Claire Durand", DR_DURAND_NATIONAL_ID);
        if (!appPasswords.exists(PEER_DR_DURAND, DEMO_DEVICE)) {
            appPasswords.createWithSecret(PEER_DR_DURAND, DEMO_DEVICE, DEMO_APP_PASSWORD, DR_DURAND_NATIONAL_ID, ACTOR);
        }
        LOG.info("peer demo data ready: tenant 690000005 (" + PEER_DOMAIN + ")");
    }

    private void loadDemoEstablishments() {
        Tenant tenant = tenants.ensureTenant("Hôpital de démonstration", "750000001");
        tenants.ensureDomain(tenant, DOMAIN);
        create(DR_MARTIN, MailboxType.PER, "Dr Jean Martin", "810001234567");
        create(SECRETARIAT, MailboxType.ORG, "Secrétariat de cardiologie", null);
        create(APP_MAILBOX, MailboxType.APP, "Dossier patient informatisé", null);
        create("test.ans@" + DOMAIN, MailboxType.PER, "Identité de test ANS", "ANS20231122132732");
        if (!appPasswords.exists(DR_MARTIN, DEMO_DEVICE)) {
            appPasswords.createWithSecret(DR_MARTIN, DEMO_DEVICE, DEMO_APP_PASSWORD, "810001234567", ACTOR);
        }
        if (access.grant("810001234567", SECRETARIAT).isEmpty()) {
            delegations.grant(SECRETARIAT, "810001234567", DelegationRight.ALL, ACTOR);
        }
        registerAppCertificate();

        Tenant other = tenants.ensureTenant("Clinique de l'autre établissement", "750000002");
        tenants.ensureDomain(other, OTHER_DOMAIN);
        create("accueil@" + OTHER_DOMAIN, MailboxType.ORG, "Accueil", null);
        LOG.info("demo data ready: tenants 750000001 (" + DOMAIN + ") and 750000002 (" + OTHER_DOMAIN + ")");
    }

    private void registerAppCertificate() {
        String file = System.getProperty("mssante.demo.app-certificate", "");
        if (file.isBlank()) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            if (certificates.mailboxFor(certificate, APP_MAILBOX).isEmpty()) {
                certificates.register(APP_MAILBOX, certificate, false, ACTOR);
            }
        } catch (IOException | CertificateException e) {
            LOG.warning("demo APP certificate " + file + " not registered: " + e);
        }
    }

    private void create(String address, MailboxType type, String displayName, String nationalId) {
        if (mailboxes.find(address).isEmpty()) {
            mailboxes.create(CanonicalAddress.parse(address, "address"), new NewMailbox(address, type, displayName, nationalId, null));
        }
    }
}
