package fr.mssante.it;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Properties;

/** A real SMTP client (Angus Mail) talking to the platform's MX port. */
final class SmtpClient implements AutoCloseable {

    private final Session session;
    private final Transport transport;

    SmtpClient(int port) throws MessagingException {
        Properties props = new Properties();
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
