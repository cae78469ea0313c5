package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.intake.MxPeerRule.Judgement;
import fr.mssante.ejb.intake.MxPeerRule.Reason;
import fr.mssante.ejb.intake.MxSenderRule.Outcome;
import fr.mssante.ejb.trust.TrustSpace;
import fr.mssante.ejb.trust.TrustedDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.security.auth.x500.X500Principal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0017: a sender not hosted here must come from its domain's MSSanté operator, proved by TLS and the
 * operator's certificate as the whitelist declares it.
 */
class MxPeerRuleTest {

    private static final String PEER_DN = "CN=mx.peer.mssante-test.fr,O=MSSante dev,C=FR";
    private static final String OTHER_OPERATOR_DN = "CN=mx.autre-operateur.fr,OU=318310021300028,O=Autre,C=FR";
    private static final String CA_DN = "CN=MSSante dev CA,O=MSSante dev,C=FR";

    /** Two operators: the test peer (one domain) and another one (two domains); the whitelist writes spaces. */
    private static final List<TrustedDomain> WHITELIST = List.of(
            new TrustedDomain("peer.mssante-test.fr", "CN=mx.peer.mssante-test.fr, O=MSSante dev, C=FR", ""),
            new TrustedDomain("autre.mssante.fr", OTHER_OPERATOR_DN, ""),
            new TrustedDomain("labo.autre.mssante.fr", OTHER_OPERATOR_DN, ""));

    private static final TrustSpace TRUST_SPACE = new TrustSpace() {
        @Override
        public Optional<TrustedDomain> lookup(String domain) {
            return WHITELIST.stream().filter(entry -> entry.domain().equals(domain)).findFirst();
        }

        @Override
        public List<TrustedDomain> domainsOf(X500Principal subject) {
            return WHITELIST.stream().filter(entry -> entry.declares(subject)).toList();
        }

        @Override
        public boolean known() {
            return true;
        }
    };

    /** A node of a new installation before its first good download: no list at all. */
    private static final TrustSpace NO_LIST_YET = new TrustSpace() {
        @Override
        public Optional<TrustedDomain> lookup(String domain) {
            return Optional.empty();
        }

        @Override
        public List<TrustedDomain> domainsOf(X500Principal subject) {
            return List.of();
        }

        @Override
        public boolean known() {
            return false;
        }
    };

    private static final Optional<MailAddress> PEER_SENDER = from("secretariat@peer.mssante-test.fr");

    private static Optional<MailAddress> from(String address) {
        return Optional.of(MailAddress.parse(address));
    }

    private static PeerCertificate trusted(String subject) {
        return new PeerCertificate(subject, CA_DN, "ab".repeat(32), true, null);
    }

    private static SmtpSessionInfo session(String protocol, String suite, PeerCertificate certificate) {
        return new SmtpSessionInfo("S1", "192.0.2.25", "mx.peer.mssante-test.fr", "mx", protocol != null, null,
                protocol, suite, certificate);
    }

    private static SmtpSessionInfo tls13(PeerCertificate certificate) {
        return session("TLSv1.3", "TLS_AES_256_GCM_SHA384", certificate);
    }

    private static Judgement judge(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        return new MxPeerRule(MxPolicy.ENFORCE, TRUST_SPACE).judge(session, reversePath);
    }

    private static String reply(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        return MxPeerRule.reply(judge(session, reversePath), reversePath).toString();
    }

    @Test
    void the_operator_of_the_domain_is_accepted() {
        assertThat(judge(tls13(trusted(PEER_DN)), PEER_SENDER)).isEqualTo(Judgement.ACCEPTED);
        assertThat(reply(tls13(trusted(PEER_DN)), PEER_SENDER)).startsWith("250 2.1.0");
    }

    /** Référentiel MSSanté #2 ECO.1.1.3: the four suites of TLS 1.2. */
    @ParameterizedTest
    @CsvSource({"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"})
    void tls_1_2_with_an_mssante_suite_is_accepted(String suite) {
        assertThat(judge(session("TLSv1.2", suite, trusted(PEER_DN)), PEER_SENDER)).isEqualTo(Judgement.ACCEPTED);
    }

    @Test
    void an_operator_serving_several_domains_is_accepted_for_each() {
        assertThat(judge(tls13(trusted(OTHER_OPERATOR_DN)), from("a@autre.mssante.fr")).outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(judge(tls13(trusted(OTHER_OPERATOR_DN)), from("b@LABO.autre.mssante.fr")).outcome())
                .isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void a_plain_connection_is_refused_asking_for_starttls() {
        SmtpSessionInfo plain = session(null, null, null);
        assertThat(judge(plain, PEER_SENDER).reason()).isEqualTo(Reason.NO_TLS);
        assertThat(reply(plain, PEER_SENDER)).startsWith("550 5.7.1 <secretariat@peer.mssante-test.fr>: ")
                .contains("must use STARTTLS").contains("TLS 1.3, or TLS 1.2 with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLSv1.2, TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLSv1.1, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"})
    void tls_outside_the_mssante_profile_is_refused(String protocol, String suite) {
        SmtpSessionInfo weak = session(protocol, suite, trusted(PEER_DN));
        assertThat(judge(weak, PEER_SENDER).reason()).isEqualTo(Reason.WEAK_TLS);
        assertThat(reply(weak, PEER_SENDER)).startsWith("550 5.7.1 ")
                .contains(protocol + " with " + suite + " is not allowed between MSSante operators");
    }

    @Test
    void tls_without_a_certificate_is_refused() {
        assertThat(judge(tls13(null), PEER_SENDER).reason()).isEqualTo(Reason.NO_CERTIFICATE);
        assertThat(reply(tls13(null), PEER_SENDER)).startsWith("550 5.7.1 ").contains("no client certificate");
    }

    @Test
    void an_untrusted_certificate_is_refused_with_the_verification_failure() {
        PeerCertificate selfSigned = new PeerCertificate(PEER_DN, PEER_DN, "cd".repeat(32), false,
                "PKIX path building failed: unable to find valid certification path to requested target");
        assertThat(judge(tls13(selfSigned), PEER_SENDER).reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        assertThat(reply(tls13(selfSigned), PEER_SENDER)).startsWith("550 5.7.1 ")
                .contains("the client certificate " + PEER_DN + " (issuer " + PEER_DN + ") is not trusted: PKIX path");
    }

    @Test
    void a_domain_outside_the_whitelist_is_refused_even_from_an_operator() {
        Optional<MailAddress> unlisted = from("contact@clinique-inconnue.fr");
        assertThat(judge(tls13(trusted(PEER_DN)), unlisted).reason()).isEqualTo(Reason.DOMAIN_NOT_IN_TRUST_SPACE);
        assertThat(reply(tls13(trusted(PEER_DN)), unlisted))
                .isEqualTo("550 5.7.1 <contact@clinique-inconnue.fr>: the domain clinique-inconnue.fr is not in the"
                        + " MSSante trust space (whitelist)");
    }

    @Test
    void an_operator_sending_for_another_operators_domain_is_refused() {
        Optional<MailAddress> foreign = from("a@autre.mssante.fr");
        assertThat(judge(tls13(trusted(PEER_DN)), foreign).reason()).isEqualTo(Reason.NOT_THE_DOMAIN_OPERATOR);
        assertThat(reply(tls13(trusted(PEER_DN)), foreign)).startsWith("550 5.7.1 <a@autre.mssante.fr>: ")
                .contains("the client certificate " + PEER_DN + " is not the operator certificate the MSSante"
                        + " trust space declares for autre.mssante.fr");
    }

    /** Distinguished names compare as names (RFC 2253), not strings; but another name is another operator. */
    @Test
    void the_subject_must_be_the_declared_one_exactly_as_a_name() {
        assertThat(judge(tls13(trusted("cn=MX.peer.mssante-test.fr,o=mssante dev,c=fr")), PEER_SENDER).outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(judge(tls13(trusted("CN=mx.peer.mssante-test.fr,O=MSSante dev,C=BE")), PEER_SENDER).reason())
                .isEqualTo(Reason.NOT_THE_DOMAIN_OPERATOR);
        assertThat(judge(tls13(trusted("CN=mx.peer.mssante-test.fr,O=MSSante dev")), PEER_SENDER).reason())
                .isEqualTo(Reason.NOT_THE_DOMAIN_OPERATOR);
    }

    @Test
    void without_any_whitelist_yet_an_authenticated_peer_is_asked_to_retry_not_bounced() {
        MxPeerRule rule = new MxPeerRule(MxPolicy.ENFORCE, NO_LIST_YET);
        for (Optional<MailAddress> sender : List.of(PEER_SENDER, Optional.<MailAddress>empty())) {
            Judgement judgement = rule.judge(tls13(trusted(PEER_DN)), sender);
            assertThat(judgement.reason()).isEqualTo(Reason.WHITELIST_NOT_LOADED);
            assertThat(MxPeerRule.reply(judgement, sender).toString()).startsWith("451 4.7.0 ")
                    .contains("whitelist");
        }
        // What the session itself lacks is still a permanent refusal: no list would make it acceptable.
        assertThat(MxPeerRule.reply(rule.judge(tls13(null), PEER_SENDER), PEER_SENDER).toString())
                .startsWith("550 5.7.1 ");
    }

    @Test
    void a_bounce_from_an_operator_is_accepted() {
        assertThat(judge(tls13(trusted(PEER_DN)), Optional.empty())).isEqualTo(Judgement.ACCEPTED);
        assertThat(MxPeerRule.reply(Judgement.ACCEPTED, Optional.empty()).code()).isEqualTo(250);
    }

    @Test
    void a_bounce_from_anyone_else_is_refused() {
        assertThat(reply(session(null, null, null), Optional.empty())).startsWith("550 5.7.1 <>: ")
                .contains("must use STARTTLS");
        assertThat(judge(tls13(null), Optional.empty()).reason()).isEqualTo(Reason.NO_CERTIFICATE);
        PeerCertificate expired = new PeerCertificate(PEER_DN, CA_DN, "ef".repeat(32), false,
                "PKIX path validation failed: validity check failed");
        assertThat(judge(tls13(expired), Optional.empty()).reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        SmtpSessionInfo notAnOperator = tls13(trusted("CN=dpi.hopital-demo.mssante.fr,O=MSSante dev,C=FR"));
        assertThat(judge(notAnOperator, Optional.empty()).reason()).isEqualTo(Reason.NOT_AN_OPERATOR);
        assertThat(reply(notAnOperator, Optional.empty())).startsWith("550 5.7.1 <>: ")
                .contains("declared by no domain of the MSSante trust space");
    }

    /** RFC 5321 section 4.2: reply texts are US-ASCII (the adapter would write '?' for anything else). */
    @Test
    void every_reason_has_a_us_ascii_text() {
        List<Judgement> refusals = List.of(
                judge(session(null, null, null), PEER_SENDER),
                judge(session("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256", trusted(PEER_DN)), PEER_SENDER),
                judge(tls13(null), PEER_SENDER),
                judge(tls13(new PeerCertificate(PEER_DN, PEER_DN, "00", false, "self-signed")), PEER_SENDER),
                judge(tls13(trusted(PEER_DN)), from("a@inconnu.fr")),
                judge(tls13(trusted(PEER_DN)), from("a@autre.mssante.fr")),
                judge(tls13(trusted("CN=nobody,C=FR")), Optional.empty()),
                new MxPeerRule(MxPolicy.ENFORCE, NO_LIST_YET).judge(tls13(trusted(PEER_DN)), PEER_SENDER));
        assertThat(refusals).extracting(Judgement::reason).containsExactlyInAnyOrder(Reason.values());
        assertThat(refusals).allSatisfy(refusal -> assertThat(refusal.text()).matches("\\p{ASCII}+"));
    }

    @Test
    void log_only_accepts_what_enforce_refuses_and_keeps_the_reason_for_the_audit() {
        Judgement tolerated = new MxPeerRule(MxPolicy.LOG_ONLY, TRUST_SPACE).judge(session(null, null, null), PEER_SENDER);
        assertThat(tolerated.outcome()).isEqualTo(Outcome.TOLERATED);
        assertThat(tolerated.reason()).isEqualTo(Reason.NO_TLS);
        assertThat(tolerated.text()).contains("STARTTLS");
        SmtpReply reply = MxPeerRule.reply(tolerated, PEER_SENDER);
        assertThat(reply.code()).isEqualTo(250);
        assertThat(new MxPeerRule(MxPolicy.LOG_ONLY, TRUST_SPACE).judge(tls13(trusted(PEER_DN)), PEER_SENDER))
                .isEqualTo(Judgement.ACCEPTED);
    }
}
