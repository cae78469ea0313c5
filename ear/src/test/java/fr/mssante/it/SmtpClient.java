package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.net.ssl.SSLContext;
import java.util.Date;
import java.util.Properties;

/** A real SMTP client (Angus Mail) talking to the platform's MX port. */
final class SmtpClient implements AutoCloseable {

    private final Session session;
    private final Transport transport;

    /** In clear: what the MX refuses from a foreign sender (ADR 0017); for the replies that come before. */
    SmtpClient(int port) throws MessagingException {
        this(port, null);
    }

    /**
     * As the test peer operator (ADR 0017): STARTTLS required, its certificate presented; send from
     * {@link TestPeerOperator#address}.
     */
    static SmtpClient asPeerOperator(LocalPlatform platform) throws MessagingException {
        return new SmtpClient(platform.settings().smtpPort(), TestPeerOperator.tls(platform));
    }

    private SmtpClient(int port, SSLContext tls) throws MessagingException {
        Properties props = new Properties();
        if (tls != null) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.localhost", "it-client.test");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        // Report per-recipient refusals instead of failing the whole message at the first one.
        props.put("mail.smtp.sendpartial", "false");
        this.session = Session.getInstance(props);
        this.transport = session.getTransport("smtp");
        transport.connect();
    }

    MimeMessage message(String from, String subject, String body, String... to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        for (String rcpt : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        }
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        m.setText(body, "UTF-8");
        m.saveChanges();
        return m;
    }

    void send(MimeMessage message) throws MessagingException {
        transport.sendMessage(message, message.getAllRecipients());
    }

    /** The last reply line of the server, e.g. "250 2.0.0 Ok: queued as ...". */
    String lastReply() {
        return ((org.eclipse.angus.mail.smtp.SMTPTransport) transport).getLastServerResponse();
    }

    @Override
    public void close() throws MessagingException {
        transport.close();
    }
}
