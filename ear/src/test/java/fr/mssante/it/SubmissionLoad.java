package fr.mssante.it;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A submission client that keeps sending, as a mail user agent behind a load balancer would: STARTTLS, AUTH
 * PLAIN with the app password, up to 20 messages per connection, one every {@code pauseMillis}; a broken
 * connection (its node killed) is opened again. Keeps what every message got: a 250 with its queue id and the
 * node that said it (from the EHLO reply), another reply, or no reply at all.
 */
final class SubmissionLoad implements Runnable {

    /** A message the platform took responsibility for (RFC 5321 section 4.1.1.4: the 250 after DATA). */
    record Accepted(String subject, String queueId, String node, Instant at) {
    }

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final String user;
    private final String password;
    private final String subjectPrefix;
    private final long pauseMillis;
    private final AtomicInteger sequence;

    final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    /** Replies other than 250 to the end of DATA, or refusals earlier in the transaction. */
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    /** Transactions whose connection broke before the final reply: the client does not know the outcome. */
    final AtomicInteger inDoubt = new AtomicInteger();
    private volatile boolean stopped;

    SubmissionLoad(String host, int port, SSLContext tls, String user, String password, String subjectPrefix,
                   long pauseMillis, AtomicInteger sequence) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.subjectPrefix = subjectPrefix;
        this.pauseMillis = pauseMillis;
        this.sequence = sequence;
    }

    void stop() {
        stopped = true;
    }

    /** Sends {@code count} messages on one connection, now; what got a 250 is also in {@link #accepted}. */
    List<Accepted> sendBatch(int count) throws IOException {
        int before = accepted.size();
        try (MailWire smtp = open()) {
            String node = node(smtp);
            if (step(smtp, "AUTH PLAIN " + MailWire.base64("\0" + user + "\0" + password), "235")) {
                for (int i = 0; i < count; i++) {
                    sendOne(smtp, node);
                }
            }
            smtp.smtp("QUIT");
        }
        return accepted.stream().skip(before).toList();
    }

    private MailWire open() throws IOException {
        return MailWire.smtpStartTls(host, port, tls, "load.cluster.test");
    }

    /** EHLO again (RFC 5321 section 4.1.4 allows it): its first line names the node, also behind HAProxy. */
    private static String node(MailWire smtp) throws IOException {
        return smtp.smtp("EHLO load.cluster.test").get(0).substring(4).split(" ")[0];
    }

    @Override
    public void run() {
        while (!stopped) {
            try (MailWire smtp = open()) {
                String node = node(smtp);
                if (!step(smtp, "AUTH PLAIN " + MailWire.base64("\0" + user + "\0" + password), "235")) {
                    Thread.sleep(1000);
                    continue;
                }
                for (int i = 0; i < 20 && !stopped; i++) {
                    sendOne(smtp, node);
                    Thread.sleep(pauseMillis);
                }
                smtp.smtp("QUIT");
            } catch (IOException brokenConnection) {
                pause(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendOne(MailWire smtp, String node) throws IOException {
        String subject = subjectPrefix + sequence.incrementAndGet();
        if (!step(smtp, "MAIL FROM:<" + user + ">", "250") || !step(smtp, "RCPT TO:<" + user + ">", "250")
                || !step(smtp, "DATA", "354")) {
            return;
        }
        String message = "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "From: <" + user + ">\r\nTo: <" + user + ">\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject + "@load.cluster.test>\r\n\r\nCluster load message " + subject + ".\r\n.\r\n";
        try {
            smtp.sendRaw(message.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            inDoubt.incrementAndGet();
            throw e;
        }
        List<String> reply;
        try {
            reply = smtp.smtpReply();
        } catch (IOException e) {
            inDoubt.incrementAndGet();
            throw e;
        }
        String last = MailWire.last(reply);
        if (last.startsWith("250")) {
            accepted.add(new Accepted(subject, last.substring(last.lastIndexOf(' ') + 1), node, Instant.now()));
        } else {
            refused.add(subject + ": " + last);
        }
    }

    private boolean step(MailWire smtp, String command, String expected) throws IOException {
        String last = MailWire.last(smtp.smtp(command));
        if (!last.startsWith(expected)) {
            refused.add(command + ": " + last);
            smtp.smtp("RSET");
            return false;
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
