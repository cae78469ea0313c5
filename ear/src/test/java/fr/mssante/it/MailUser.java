package fr.mssante.it;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;

/**
 * A professional with an app password on one operator: submits raw messages on its submission port
 * (STARTTLS, AUTH PLAIN, exact bytes: what leaves must be compared with what arrives) and reads its INBOX
 * over IMAP like a mail client.
 */
final class MailUser {

    private final String address;
    private final String password;
    private final int submissionPort;
    private final int imapPort;
    private final Path caCertificate;

    MailUser(String address, String password, int submissionPort, int imapPort, Path caCertificate) {
        this.address = address;
        this.password = password;
        this.submissionPort = submissionPort;
        this.imapPort = imapPort;
        this.caCertificate = caCertificate;
    }

    String address() {
        return address;
    }

    String password() {
        return password;
    }

    /** Submits {@code message} (CRLF lines) to {@code recipients}; the final reply of DATA, or the first refusal. */
    String submit(byte[] message, String... recipients) throws IOException {
        try (MailWire smtp = MailWire.submissionStartTls(submissionPort, TestTls.trusting(caCertificate))) {
            String auth = last(smtp.smtp("AUTH PLAIN " + base64("\0" + address + "\0" + password)));
            if (!auth.startsWith("235")) {
                return auth;
            }
            String mail = last(smtp.smtp("MAIL FROM:<" + address + "> BODY=8BITMIME"));
            if (!mail.startsWith("250")) {
                return mail;
            }
            for (String rcpt : recipients) {
                String reply = last(smtp.smtp("RCPT TO:<" + rcpt + ">"));
                if (!reply.startsWith("250")) {
                    return reply;
                }
            }
            String data = last(smtp.smtp("DATA"));
            if (!data.startsWith("354")) {
                return data;
            }
            smtp.sendRaw(dotStuffed(message));
            String done = last(smtp.smtp("."));
            smtp.smtp("QUIT");
            return done;
        }
    }

    /** RFC 5321 section 4.5.2: a line starting with '.' gets one more. */
    private static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String stuffed = (text.startsWith(".") ? "." : "") + text.replace("\r\n.", "\r\n..");
        if (!stuffed.endsWith("\r\n")) {
            stuffed += "\r\n";
        }
        return stuffed.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Waits until messages with this subject are in the INBOX, and returns their UIDs. */
    List<Long> awaitSubject(String subject, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        do {
            List<Long> uids = uidsWithSubject(subject);
            if (!uids.isEmpty()) {
                return uids;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("'" + subject + "' did not reach " + address + " within " + timeout);
    }

    /**
     * Waits for an INBOX message whose subject contains {@code subject} and whose bytes contain
     * {@code content} (a notice about one particular message), and returns its bytes.
     */
    String awaitMessage(String subject, String content, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        do {
            for (long uid : uidsWithSubject(subject)) {
                String text = new String(raw(uid), StandardCharsets.UTF_8);
                if (text.contains(content)) {
                    return text;
                }
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no '" + subject + "' about '" + content + "' reached " + address + " within " + timeout);
    }

    /** The UIDs of INBOX messages whose subject contains {@code subject}. */
    List<Long> uidsWithSubject(String subject) throws Exception {
        Store store = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Long> uids = new ArrayList<>();
            for (Message m : inbox.search(new SubjectTerm(subject))) {
                uids.add(inbox.getUID(m));
            }
            inbox.close(false);
            return uids;
        } finally {
            store.close();
        }
    }

    /** The exact bytes of an INBOX message. */
    byte[] raw(long uid) throws IOException {
        try (ImapWire imap = new ImapWire(imapPort, caCertificate)) {
            imap.command("LOGIN \"" + address + "\" \"" + password + "\"");
            imap.command("EXAMINE INBOX");
            return imap.rawMessage(uid);
        }
    }

    private Store connect() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(imapPort));
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.socketFactory", TestTls.trusting(caCertificate).getSocketFactory());
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(address, password);
        return store;
    }
}
