package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MxSenderRuleTest {

    private static final UUID DEMO = UUID.randomUUID();
    private static final Map<String, UUID> HOSTED = Map.of("hopital-demo.mssante.fr", DEMO);

    private static MxSenderRule rule(MxPolicy policy) {
        return new MxSenderRule(policy, domain -> Optional.ofNullable(HOSTED.get(domain)));
    }

    private static Optional<MailAddress> from(String address) {
        return Optional.of(MailAddress.parse(address));
    }

    @Test
    void a_hosted_sender_is_refused_with_550_5_7_1_naming_submission() {
        Optional<MailAddress> spoofed = from("dr.martin@hopital-demo.mssante.fr");
        MxSenderRule.Judgement judgement = rule(MxPolicy.ENFORCE).judge(spoofed);

        assertThat(judgement).isEqualTo(new MxSenderRule.Judgement(MxSenderRule.Outcome.REFUSED, DEMO));
        SmtpReply reply = MxSenderRule.reply(judgement.outcome(), spoofed);
        assertThat(reply.toString()).startsWith("550 5.7.1 <dr.martin@hopital-demo.mssante.fr>: ")
                .contains("authenticating on submission");
    }

    @Test
    void the_domain_is_compared_case_insensitively() {
        assertThat(rule(MxPolicy.ENFORCE).judge(from("Dr.Martin@HOPITAL-Demo.MSSante.fr")).outcome())
                .isEqualTo(MxSenderRule.Outcome.REFUSED);
    }

    @Test
    void a_foreign_sender_is_accepted() {
        Optional<MailAddress> foreign = from("labo@biologie.mssante.fr");
        MxSenderRule.Judgement judgement = rule(MxPolicy.ENFORCE).judge(foreign);

        assertThat(judgement).isEqualTo(new MxSenderRule.Judgement(MxSenderRule.Outcome.ACCEPTED, null));
        assertThat(MxSenderRule.reply(judgement.outcome(), foreign).code()).isEqualTo(250);
    }

    @Test
    void a_subdomain_of_a_hosted_domain_is_not_the_hosted_domain() {
        assertThat(rule(MxPolicy.ENFORCE).judge(from("x@sous.hopital-demo.mssante.fr")).outcome())
                .isEqualTo(MxSenderRule.Outcome.ACCEPTED);
    }

    @Test
    void the_null_reverse_path_is_accepted_under_both_policies() {
        for (MxPolicy policy : MxPolicy.values()) {
            MxSenderRule.Judgement judgement = rule(policy).judge(Optional.empty());
            assertThat(judgement.outcome()).as(policy.value()).isEqualTo(MxSenderRule.Outcome.ACCEPTED);
            assertThat(MxSenderRule.reply(judgement.outcome(), Optional.empty()).code()).isEqualTo(250);
        }
    }

    @Test
    void log_only_accepts_a_hosted_sender_but_marks_it_for_the_audit() {
        Optional<MailAddress> spoofed = from("dr.martin@hopital-demo.mssante.fr");
        MxSenderRule.Judgement judgement = rule(MxPolicy.LOG_ONLY).judge(spoofed);

        assertThat(judgement).isEqualTo(new MxSenderRule.Judgement(MxSenderRule.Outcome.TOLERATED, DEMO));
        assertThat(MxSenderRule.reply(judgement.outcome(), spoofed).code()).isEqualTo(250);
    }

    @Test
    void the_setting_accepts_its_two_values_and_refuses_anything_else() {
        assertThat(MxPolicy.parse("enforce")).isEqualTo(MxPolicy.ENFORCE);
        assertThat(MxPolicy.parse(" Log-Only ")).isEqualTo(MxPolicy.LOG_ONLY);
        assertThatThrownBy(() -> MxPolicy.parse("off"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mssante.mx.policy").hasMessageContaining("'off'");
    }

    @Test
    void enforce_is_the_default() {
        String previous = System.clearProperty(MxPolicy.PROPERTY);
        try {
            if (System.getenv(MxPolicy.ENVIRONMENT) == null) {
                assertThat(MxPolicy.fromSystemProperties()).isEqualTo(MxPolicy.ENFORCE);
            }
            System.setProperty(MxPolicy.PROPERTY, "log-only");
            assertThat(MxPolicy.fromSystemProperties()).isEqualTo(MxPolicy.LOG_ONLY);
        } finally {
            if (previous == null) {
                System.clearProperty(MxPolicy.PROPERTY);
            } else {
                System.setProperty(MxPolicy.PROPERTY, previous);
            }
        }
    }
}
