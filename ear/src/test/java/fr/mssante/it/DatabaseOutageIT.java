package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops in the middle of a stream of mail: while it is down clients get 451 4.3.0, never
 * 250; once it is back, every message that got 250 is in the mailbox exactly once and nothing is left
 * half-stored. Runs last: it disturbs the shared platform.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(PlatformExtension.class)
class DatabaseOutageIT {

    private static final String DR_MARTIN = "dr.martin@hopital-demo.mssante.fr";

    private final LocalPlatform platform;
    private final RestClient rest;

    DatabaseOutageIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void while_the_database_is_down_smtp_answers_451_and_accepted_mail_survives() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());

        // Mail keeps flowing from a second client while PostgreSQL stops: commits are cut mid-flight.
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Integer> streamRefusals = Collections.synchronizedList(new ArrayList<>());
        Thread stream = new Thread(() -> {
            for (int i = 1000; sending.get() && i < 3000; i++) {
                try {
                    String subject = sendOne(run, i, streamRefusals);
                    if (subject != null) {
                        accepted.add(subject);
                    }
                } catch (MessagingException e) {
                    streamRefusals.add(-1); // connection refused or dropped: not accepted, the client retries
                }
            }
        }, "outage-stream");
        stream.start();
        Thread.sleep(1500);
        assertThat(accepted).as("mail accepted before the outage").isNotEmpty();

        platform.database().stop();
        List<Integer> refusals = new ArrayList<>();
        try {
            Thread.sleep(500);
            for (int i = 0; i < 5; i++) {
                String subject = sendOne(run, i, refusals);
                assertThat(subject).as("no message may be accepted while PostgreSQL is down").isNull();
            }
            assertThat(refusals).hasSize(5).allMatch(code -> code == 451);
        } finally {
            platform.database().start();
        }

        // The datasource reconnects by itself; mail flows again.
        long deadline = System.currentTimeMillis() + 60_000;
        String after = null;
        while (after == null && System.currentTimeMillis() < deadline) {
            after = sendOne(run, 100, new ArrayList<>());
            if (after == null) {
                Thread.sleep(1000);
            }
        }
        assertThat(after).as("mail accepted again after PostgreSQL restarted").isNotNull();
        accepted.add(after);
        Thread.sleep(1000);
        sending.set(false);
        stream.join(60_000);
        assertThat(streamRefusals).as("the stream met the outage").isNotEmpty()
                .allMatch(code -> code == 451 || code == -1);

        for (String subject : List.copyOf(accepted)) {
            rest.awaitSubject(DR_MARTIN, subject, Duration.ofMinutes(2));
        }
        List<String> inbox = rest.inbox(DR_MARTIN).stream()
                .map(v -> v.asJsonObject().getString("subject", ""))
                .filter(s -> s.startsWith("outage " + run + " "))
                .toList();
        assertThat(inbox).as("each accepted message exactly once").hasSameSizeAs(accepted)
                .containsExactlyInAnyOrderElementsOf(accepted);

        deadline = System.currentTimeMillis() + 60_000;
        long queued = Long.MAX_VALUE;
        while (queued > 0 && System.currentTimeMillis() < deadline) {
            try (Connection db = platform.database().connect();
                 ResultSet rs = db.createStatement().executeQuery(
                         "SELECT count(*) FROM intake_message WHERE status = 'QUEUED'")) {
                rs.next();
                queued = rs.getLong(1);
            }
            Thread.sleep(500);
        }
        assertThat(queued).as("accepted messages still waiting for delivery").isZero();
    }

    /** @return the subject when the server answered 250, null when it refused (code added to refusals) */
    private String sendOne(String run, int i, List<Integer> refusals) throws MessagingException {
        String subject = "outage " + run + " " + i;
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("labo"), subject, "résultat " + i, DR_MARTIN));
            return subject;
        } catch (SendFailedException e) {
            refusals.add(replyCode(e));
            return null;
        }
    }

    private static int replyCode(SendFailedException e) {
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e.getNextException() instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e.getNextException() instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        throw new AssertionError("unexpected failure", e);
    }
}
