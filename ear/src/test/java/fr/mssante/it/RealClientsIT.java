package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with mail clients from Debian's packages (issue 10, item 5): mbsync (isync) keeping a Maildir
 * and the server in step both ways, neomutt in batch mode sending and reading, curl's IMAP and SMTP. All
 * of them against the deployed EAR over STARTTLS with an app password, verifying the server certificate
 * against the platform's development CA (none is told to skip verification). The assertions are what the
 * user sees: the same octets on both sides, flags, which folder holds which message.
 *
 * <p>Two conventions of the clients are taken into account, not papered over: a Maildir stores lines
 * ending in LF where IMAP carries CRLF (mbsync and neomutt convert), and a server prepends its trace
 * header ({@code Received:}, RFC 5321 section 4.4) to what it accepts.
 */
@ExtendWith(PlatformExtension.class)
class RealClientsIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Pattern MAILDIR_FLAGS = Pattern.compile(":2,([A-Za-z]*)$");
    private static final Pattern MAILDIR_UID = Pattern.compile(",U=\\d+");

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    RealClientsIT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    /** A fresh mailbox with an app password its owner created in self-service, as a mail client user has. */
    private MailUser newUser() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        return new MailUser(account[0], account[1], platform.settings().submissionPort(), platform.settings().imapPort(),
                platform.caCertificate());
    }

    // ------------------------------------------------------------------ mbsync

    @Test
    void mbsync_keeps_a_maildir_and_the_server_in_step_with_flags_and_moves_both_ways() throws Exception {
        MailUser owner = newUser();
        MailUser sender = newUser();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String subjectA = "Compte rendu A " + token;
        String subjectB = "Compte rendu B " + token;
        assertThat(sender.submit(message(sender, owner, subjectA, "Premier compte rendu.\r\n"), owner.address())).startsWith("250");
        assertThat(sender.submit(message(sender, owner, subjectB, "Second compte rendu.\r\n"), owner.address())).startsWith("250");
        long uidA = owner.awaitSubject(subjectA, DELIVERY).get(0);
        long uidB = owner.awaitSubject(subjectB, DELIVERY).get(0);

        Path home = Files.createTempDirectory("mbsync");
        // mbsync creates the folders (Create Both), not the Maildir root.
        Path maildir = Files.createDirectories(home.resolve("Mail"));
        Path rc = home.resolve("mbsyncrc");
        Files.writeString(rc, mbsyncConfig(owner, maildir));
        ExternalClient mbsync = ExternalClient.of("/usr/bin/mbsync", home, Map.of());

        // 1. First sync: both messages land in the Maildir, octet for octet (LF line ends there).
        sync(mbsync, rc);
        Path fileA = maildirFile(maildir.resolve("INBOX"), subjectA).orElseThrow();
        Path fileB = maildirFile(maildir.resolve("INBOX"), subjectB).orElseThrow();
        assertThat(withoutMbsyncTrackingHeader(Files.readAllBytes(fileA))).isEqualTo(lf(owner.raw(uidA)));
        assertThat(withoutMbsyncTrackingHeader(Files.readAllBytes(fileB))).isEqualTo(lf(owner.raw(uidB)));

        // 2. A flag set locally reaches the server, one set on the server reaches the Maildir.
        fileA = withMaildirFlag(fileA, 'F');
        try (ImapWire imap = login(owner)) {
            imap.command("SELECT INBOX");
            imap.command("UID STORE " + uidB + " +FLAGS (\\Answered)");
        }
        sync(mbsync, rc);
        try (ImapWire imap = login(owner)) {
            imap.command("EXAMINE INBOX");
            assertThat(flags(imap, uidA)).contains("\\Flagged");
        }
        fileB = maildirFile(maildir.resolve("INBOX"), subjectB).orElseThrow();
        assertThat(maildirFlags(fileB)).as(fileB.getFileName().toString()).contains("R");

        // 3. A moves to Archive locally (a MUA drops mbsync's UID from the name), B moves on the server.
        byte[] localB = Files.readAllBytes(fileB);
        Path archiveCur = maildir.resolve("Archive").resolve("cur");
        assertThat(archiveCur).as("Archive created by the first sync").isDirectory();
        byte[] localA = Files.readAllBytes(fileA);
        Files.move(fileA, archiveCur.resolve(MAILDIR_UID.matcher(fileA.getFileName().toString()).replaceAll("")));
        try (ImapWire imap = login(owner)) {
            imap.command("SELECT INBOX");
            imap.command("UID MOVE " + uidB + " Archive");
        }
        sync(mbsync, rc);

        try (ImapWire imap = login(owner)) {
            imap.command("EXAMINE INBOX");
            assertThat(search(imap, subjectA)).as("A left the server's INBOX").isEmpty();
            assertThat(search(imap, subjectB)).as("B left the server's INBOX").isEmpty();
            imap.command("EXAMINE Archive");
            List<Long> archivedA = search(imap, subjectA);
            assertThat(archivedA).as("A in the server's Archive").hasSize(1);
            assertThat(withoutMbsyncTrackingHeader(imap.rawMessage(archivedA.get(0))))
                    .isEqualTo(crlf(withoutMbsyncTrackingHeader(localA)));
            assertThat(flags(imap, archivedA.get(0))).as("with its flag").contains("\\Flagged");
            assertThat(search(imap, subjectB)).as("B in the server's Archive").hasSize(1);
        }
        assertThat(maildirFile(maildir.resolve("INBOX"), subjectA)).as("A not back in the local INBOX").isEmpty();
        assertThat(maildirFile(maildir.resolve("INBOX"), subjectB)).as("B left the local INBOX").isEmpty();
        Path archivedB = maildirFile(maildir.resolve("Archive"), subjectB).orElseThrow(
                () -> new AssertionError("B not in the local Archive"));
        assertThat(withoutMbsyncTrackingHeader(Files.readAllBytes(archivedB))).isEqualTo(withoutMbsyncTrackingHeader(localB));
        assertThat(maildirFile(maildir.resolve("Archive"), subjectA)).as("A once in the local Archive").isPresent();
    }

    private String mbsyncConfig(MailUser owner, Path maildir) {
        // isync 1.4 syntax (Debian 12); "AuthMechs LOGIN" is the IMAP LOGIN command, allowed after STARTTLS.
        return """
                IMAPAccount server
                Host localhost
                Port %d
                User %s
                Pass "%s"
                SSLType STARTTLS
                SystemCertificates no
                CertificateFile %s
                AuthMechs LOGIN

                IMAPStore server
                Account server

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel mailbox
                Far :server:
                Near :local:
                Patterns INBOX Archive
                Create Both
                Remove None
                Expunge Both
                SyncState *
                Sync All
                """.formatted(platform.settings().imapPort(), owner.address(), owner.password(), platform.caCertificate(),
                maildir, maildir);
    }

    private static void sync(ExternalClient mbsync, Path rc) throws Exception {
        ExternalClient.Result result = mbsync.run(List.of("-c", rc.toString(), "-a"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The file of the message with that subject in a Maildir folder (new/ or cur/). */
    private static Optional<Path> maildirFile(Path folder, String subject) throws IOException {
        byte[] header = ("Subject: " + subject + "\n").getBytes(StandardCharsets.UTF_8);
        for (String sub : List.of("new", "cur")) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    if (indexOf(Files.readAllBytes(file), header) >= 0) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Maildir flags are the sorted letters after ":2," in the file name; a file in new/ moves to cur/. */
    private static Path withMaildirFlag(Path file, char flag) throws IOException {
        String name = file.getFileName().toString();
        Matcher m = MAILDIR_FLAGS.matcher(name);
        String base = m.find() ? name.substring(0, m.start()) : name;
        String flags = (m.find(0) ? m.group(1) : "") + flag;
        String sorted = flags.chars().sorted().distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Path cur = file.getParent().getParent().resolve("cur");
        return Files.move(file, cur.resolve(base + ":2," + sorted));
    }

    private static String maildirFlags(Path file) {
        Matcher m = MAILDIR_FLAGS.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : "";
    }

    /**
     * mbsync (1.4) writes an {@code X-TUID} header into every message it propagates, on either side, to
     * recognise it later (a transaction id); it is the client's bookkeeping, not the user's message.
     */
    private static byte[] withoutMbsyncTrackingHeader(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("(?m)^X-TUID: [^\r\n]*\r?\n", "").getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ neomutt

    @Test
    void neomutt_in_batch_mode_submits_with_auth_over_starttls_and_reads_over_imap() throws Exception {
        MailUser author = newUser();
        MailUser reader = newUser();
        String subject = "Lettre de liaison " + UUID.randomUUID().toString().substring(0, 8);
        String body = "Cher confrere,\nveuillez trouver le compte rendu ci-dessous.\n.point en debut de ligne\n";

        Path home = Files.createTempDirectory("neomutt");
        Path bodyFile = Files.writeString(home.resolve("body.txt"), body);
        Path sendRc = Files.writeString(home.resolve("send.rc"), neomuttConfig(author, home.resolve("out-none.eml")));
        ExternalClient neomutt = ExternalClient.of("/usr/bin/neomutt", home, Map.of("TERM", "dumb"));

        ExternalClient.Result sent = neomutt.run(List.of("-n", "-F", sendRc.toString(), "-s", subject, "--",
                reader.address()), bodyFile);
        assertThat(sent.exitCode()).as(sent.output()).isZero();

        long uid = reader.awaitSubject(subject, DELIVERY).get(0);
        byte[] delivered = reader.raw(uid);
        String text = new String(delivered, StandardCharsets.UTF_8);
        assertThat(text).containsPattern("(?m)^From: .*" + Pattern.quote(author.address()));
        assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).as("the body, octet for octet")
                .isEqualTo(body.replace("\n", "\r\n"));

        // Reading needs the interactive index: a pseudo-terminal (script), keys pushed by the configuration.
        Path piped = home.resolve("piped.eml");
        Path readRc = Files.writeString(home.resolve("read.rc"), neomuttConfig(reader, piped));
        ExternalClient script = ExternalClient.of("/usr/bin/script", home, Map.of("TERM", "xterm"));
        ExternalClient.Result read = script.run(List.of("-q", "-e", "-c",
                "/usr/bin/neomutt -n -F " + readRc + " -f imap://localhost:" + platform.settings().imapPort() + "/INBOX",
                "/dev/null"));
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(piped).as(read.output()).exists();
        assertThat(withoutMboxSeparator(Files.readAllBytes(piped))).as("the message neomutt shows is the one delivered")
                .isEqualTo(lf(delivered));
    }

    /** mutt pipes a message with its mbox "From " separator line when it has one; not part of the message. */
    private static byte[] withoutMboxSeparator(byte[] piped) {
        String text = new String(piped, StandardCharsets.ISO_8859_1);
        return (text.startsWith("From ") ? text.substring(text.indexOf('\n') + 1) : text).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Submission and IMAP with STARTTLS required and the server certificate checked against the dev CA. */
    private String neomuttConfig(MailUser user, Path pipeTo) {
        String login = user.address().replace("@", "%40");
        return """
                set from="%1$s"
                set use_from=yes
                set real_name="Test MSSante"
                set smtp_url="smtp://%2$s@localhost:%3$d/"
                set smtp_pass="%4$s"
                set imap_user="%1$s"
                set imap_pass="%4$s"
                set folder="imap://localhost:%5$d/"
                set spool_file="+INBOX"
                set ssl_starttls=yes
                set ssl_force_tls=yes
                set ssl_verify_host=yes
                set ssl_ca_certificates_file="%6$s"
                set certificate_file="%7$s/certificates"
                set record=""
                set copy=no
                set move=no
                set header_cache=""
                set message_cachedir=""
                set pipe_decode=no
                set wait_key=no
                set quit=yes
                set send_charset="us-ascii:utf-8"
                push "<pipe-message>cat > %8$s<enter><quit>"
                """.formatted(user.address(), login, platform.settings().submissionPort(), user.password(),
                platform.settings().imapPort(), platform.caCertificate(), pipeTo.getParent(), pipeTo);
    }

    // ------------------------------------------------------------------ curl

    @Test
    void curl_lists_examines_and_fetches_by_uid_over_imap_and_submits_over_smtp() throws Exception {
        MailUser sender = newUser();
        MailUser recipient = newUser();
        String subject = "Ordonnance " + UUID.randomUUID().toString().substring(0, 8);
        byte[] submitted = message(sender, recipient, subject, "Posologie : 1 comprime matin et soir.\r\n.\r\nFin.\r\n");
        Path home = Files.createTempDirectory("curl");
        Path messageFile = Files.write(home.resolve("message.eml"), submitted);
        ExternalClient curl = ExternalClient.of("/usr/bin/curl", home, Map.of());
        List<String> tls = List.of("--silent", "--show-error", "--ssl-reqd", "--cacert", platform.caCertificate().toString());

        ExternalClient.Result smtp = curl.run(concat(tls, List.of("--user", sender.address() + ":" + sender.password(),
                "--mail-from", sender.address(), "--mail-rcpt", recipient.address(), "--upload-file", messageFile.toString(),
                "smtp://localhost:" + platform.settings().submissionPort())));
        assertThat(smtp.exitCode()).as(smtp.output()).isZero();
        long uid = recipient.awaitSubject(subject, DELIVERY).get(0);
        byte[] delivered = recipient.raw(uid);
        assertThat(new String(delivered, StandardCharsets.ISO_8859_1)).as("only a trace header in front").startsWith("Received: ");
        assertThat(endsWith(delivered, submitted)).as("the submitted octets, dot line included").isTrue();

        String imap = "imap://localhost:" + platform.settings().imapPort();
        List<String> login = concat(tls, List.of("--user", recipient.address() + ":" + recipient.password()));
        ExternalClient.Result list = curl.run(concat(login, List.of(imap + "/")));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output().lines()).anyMatch(l -> l.startsWith("* LIST") && l.contains("INBOX"))
                .anyMatch(l -> l.startsWith("* LIST") && l.contains("\\Sent"));

        ExternalClient.Result examine = curl.run(concat(login, List.of("--request", "EXAMINE INBOX", imap + "/")));
        assertThat(examine.exitCode()).as(examine.output()).isZero();
        assertThat(examine.output()).contains("* 1 EXISTS").containsPattern("UIDVALIDITY \\d+");

        Path fetched = home.resolve("fetched.eml");
        ExternalClient.Result fetch = curl.run(concat(login, List.of("--output", fetched.toString(),
                imap + "/INBOX;UID=" + uid)));
        assertThat(fetch.exitCode()).as(fetch.output()).isZero();
        assertThat(Files.readAllBytes(fetched)).as("FETCH by UID gives the stored octets").isEqualTo(delivered);
    }

    // ------------------------------------------------------------------ helpers

    /** A small text message with CRLF line ends, from {@code from} to {@code to}. */
    private static byte[] message(MailUser from, MailUser to, String subject, String body) {
        return ("From: <" + from.address() + ">\r\n"
                + "To: <" + to.address() + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@hopital-demo.mssante.fr>\r\n"
                + "Date: Fri, 4 Dec 2026 09:30:00 +0100\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private ImapWire login(MailUser user) throws IOException {
        ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
        imap.command("LOGIN \"" + user.address() + "\" \"" + user.password() + "\"");
        return imap;
    }

    private static String flags(ImapWire imap, long uid) throws IOException {
        return imap.command("UID FETCH " + uid + " FLAGS").stream().filter(l -> l.startsWith("* ")).findFirst().orElse("");
    }

    private static List<Long> search(ImapWire imap, String subject) throws IOException {
        String line = imap.command("UID SEARCH SUBJECT \"" + subject + "\"").stream()
                .filter(l -> l.startsWith("* SEARCH")).findFirst().orElse("* SEARCH");
        return Stream.of(line.substring("* SEARCH".length()).trim().split(" "))
                .filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
    }

    private static byte[] lf(byte[] crlf) {
        return new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] crlf(byte[] lf) {
        return new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        return data.length >= suffix.length
                && java.util.Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
