package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IMAP through the deployed EAR with real clients: Angus Mail's IMAP store (what Java mail software
 * uses) and Python's imaplib (an independent implementation), app-password login, IDLE push.
 */
@ExtendWith(PlatformExtension.class)
class ImapClientsIT {

    private final LocalPlatform platform;
    private final RestClient rest;
    private final ImapAccounts accounts;

    ImapClientsIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
        this.accounts = new ImapAccounts(platform);
    }

    private void deliver(String to, String subject, String body) throws Exception {
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("secretariat"), subject, body, to));
        }
        rest.awaitSubject(to, subject);
    }

    private Store connect(String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(platform.settings().imapPort()));
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        // Authentication waits for TLS: STARTTLS, trusting the platform's development CA.
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.socketFactory", TestTls.trusting(platform.caCertificate()).getSocketFactory());
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(user, password);
        return store;
    }

    @Test
    void a_thunderbird_style_session_with_angus_mail() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        String token = UUID.randomUUID().toString().substring(0, 8);
        deliver(account[0], "Résultats " + token + " n°1", "Bonjour docteur");
        deliver(account[0], "Résultats " + token + " n°2", "Second envoi");

        Store store = connect(account[0], account[1]);
        try {
            List<String> specialUse = new ArrayList<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                specialUse.add(f.getFullName() + " " + String.join(" ", ((IMAPFolder) f).getAttributes()));
            }
            assertThat(specialUse).anyMatch(s -> s.startsWith("INBOX"))
                    .anyMatch(s -> s.startsWith("Sent ") && s.contains("\\Sent"))
                    .anyMatch(s -> s.startsWith("Drafts ") && s.contains("\\Drafts"))
                    .anyMatch(s -> s.startsWith("Trash ") && s.contains("\\Trash"))
                    .anyMatch(s -> s.startsWith("Junk ") && s.contains("\\Junk"))
                    .anyMatch(s -> s.startsWith("Archive ") && s.contains("\\Archive"));

            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message first = inbox.search(new SubjectTerm(token + " n°1"))[0];
            assertThat(first.getSubject()).isEqualTo("Résultats " + token + " n°1");
            assertThat(((String) first.getContent()).strip()).isEqualTo("Bonjour docteur");
            assertThat(first.isSet(Flags.Flag.SEEN)).as("reading the body sets \\Seen").isTrue();

            first.setFlag(Flags.Flag.FLAGGED, true);
            assertThat(inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.FLAGGED), true)))
                    .hasSize(1);

            // Move to Trash (MOVE, RFC 6851), then expunge it there.
            inbox.moveMessages(new Message[]{first}, store.getFolder("Trash"));
            assertThat(first.isExpunged()).as("the server reported the moved message expunged").isTrue();
            // A closed folder object asks the server (STATUS): Angus keeps its open folder's count until NOOP.
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(1);
            IMAPFolder trash = (IMAPFolder) store.getFolder("Trash");
            trash.open(Folder.READ_WRITE);
            assertThat(trash.getMessageCount()).isEqualTo(1);
            trash.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            trash.expunge();
            assertThat(trash.getMessageCount()).isZero();
            trash.close();

            // Append a draft (UIDPLUS gives its UID back).
            IMAPFolder drafts = (IMAPFolder) store.getFolder("Drafts");
            MimeMessage draft = new MimeMessage((Session) null);
            draft.setSubject("Brouillon " + token, "UTF-8");
            draft.setText("À compléter", "UTF-8");
            draft.setFlag(Flags.Flag.DRAFT, true);
            draft.saveChanges();
            var appended = drafts.appendUIDMessages(new Message[]{draft});
            assertThat(appended[0].uid).isPositive();
            drafts.open(Folder.READ_ONLY);
            assertThat(drafts.getMessageCount()).isEqualTo(1);
            assertThat(drafts.getMessage(1).getSubject()).isEqualTo("Brouillon " + token);
            drafts.close();
            inbox.close();
        } finally {
            store.close();
        }
    }

    @Test
    void python_imaplib_reads_flags_and_appends() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        String token = UUID.randomUUID().toString().substring(0, 8);
        deliver(account[0], "Compte-rendu " + token, "Patient stable.");

        Path script = Files.createTempFile("imap_session", ".py");
        try (var in = getClass().getResourceAsStream("/clients/imap_session.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process python = new ProcessBuilder("python3", script.toString(), "127.0.0.1",
                Integer.toString(platform.settings().imapPort()), account[0], account[1], token,
                platform.caCertificate().toString())
                .redirectErrorStream(true).start();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.exitValue()).as(output).isZero();
        JsonObject seen = Json.createReader(new StringReader(output.lines().reduce((a, b) -> b).orElseThrow())).readObject();

        assertThat(seen.getJsonArray("capabilities").toString()).contains("IMAP4rev1", "IDLE", "UIDPLUS", "MOVE", "SPECIAL-USE", "QUOTA");
        assertThat(seen.getString("login")).isEqualTo("OK");
        assertThat(seen.getJsonArray("folders").toString()).contains("\\\\Sent", "\\\\Trash", "\\\\Drafts");
        assertThat(seen.getInt("exists")).isEqualTo(1);
        assertThat(seen.getInt("found")).isEqualTo(1);
        assertThat(seen.getString("subject")).isEqualTo("Compte-rendu " + token);
        assertThat(seen.getString("peek_flags_before")).doesNotContain("\\Seen");
        assertThat(seen.getString("body")).isEqualTo("Patient stable.");
        assertThat(seen.getString("flags_after_read")).contains("\\Seen");
        assertThat(seen.getInt("flagged")).isEqualTo(1);
        assertThat(seen.getString("append")).isEqualTo("OK");
        assertThat(seen.getString("append_code")).contains("APPENDUID");
        assertThat(seen.getString("drafts_status")).contains("MESSAGES 1");
    }

    @Test
    void a_session_in_idle_sees_mail_delivered_over_smtp_within_a_second() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
             ImapWire other = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
            imap.command("LOGIN " + account[0] + " " + account[1]);
            other.command("LOGIN " + account[0] + " " + account[1]);
            assertThat(imap.command("SELECT INBOX")).anyMatch(l -> l.equals("* 0 EXISTS"));
            assertThat(other.command("SELECT INBOX")).anyMatch(l -> l.equals("* 0 EXISTS"));
            imap.send("i1 IDLE");
            assertThat(imap.readLine()).startsWith("+");

            String subject = "IDLE " + UUID.randomUUID();
            long accepted;
            try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
                smtp.send(smtp.message(TestPeerOperator.address("labo"), subject, "résultat", account[0]));
                accepted = System.nanoTime();
            }
            imap.timeout(5_000);
            String pushed = imap.readLine();
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted);
            assertThat(pushed).isEqualTo("* 1 EXISTS");
            assertThat(elapsedMs).as("from SMTP 250 to the untagged EXISTS").isLessThan(1000);
            // RFC 3501 2.3.2: the session told first claims \Recent; the other read-write one does not.
            assertThat(imap.readLine()).isEqualTo("* 1 RECENT");
            imap.send("DONE");
            assertThat(other.command("NOOP")).contains("* 1 EXISTS").noneMatch(l -> l.endsWith("RECENT"));
            assertThat(other.command("FETCH 1 FLAGS")).noneMatch(l -> l.contains("\\Recent"));
        }
    }

    @Test
    void two_sessions_storing_expunging_and_appending_at_once_keep_consistent_views() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        String login = "LOGIN " + account[0] + " " + account[1];
        try (ImapWire a = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
             ImapWire b = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
            a.command(login);
            b.command(login);
            for (int i = 0; i < 10; i++) {
                ImapAccounts.append(a, "INBOX", "Subject: seed " + i + "\r\n\r\nx");
            }
            a.command("SELECT INBOX");
            b.command("SELECT INBOX");

            Thread writerA = new Thread(() -> {
                try {
                    for (int i = 1; i <= 5; i++) {
                        a.command("UID STORE " + i + " +FLAGS (\\Deleted)");
                        a.command("EXPUNGE");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writerA.start();
            for (int i = 0; i < 5; i++) {
                ImapAccounts.append(b, "INBOX", "Subject: more " + i + "\r\n\r\ny");
                b.command("UID STORE 6:* +FLAGS (\\Flagged)");
            }
            writerA.join(30_000);

            List<String> viewA = uidsAndFlags(a);
            List<String> viewB = uidsAndFlags(b);
            assertThat(viewA).as("both sessions see the same messages and flags").isEqualTo(viewB);
            assertThat(viewA).hasSize(10).noneMatch(l -> l.contains("\\Deleted"));
        }
    }

    /** "uid flags" per message as the session sees it after catching up (NOOP). */
    private static List<String> uidsAndFlags(ImapWire imap) throws Exception {
        imap.command("NOOP");
        List<String> view = new ArrayList<>();
        for (String line : imap.command("FETCH 1:* (UID FLAGS)")) {
            if (line.startsWith("* ") && line.contains("FETCH")) {
                String uid = line.replaceAll(".*UID (\\d+).*", "$1");
                String flags = line.replaceAll(".*FLAGS \\(([^)]*)\\).*", "$1");
                String[] sorted = flags.isBlank() ? new String[0] : flags.split(" ");
                Arrays.sort(sorted);
                view.add(uid + " " + String.join(" ", sorted).replace("\\Recent", "").strip());
            }
        }
        view.sort(null);
        return view;
    }
}
