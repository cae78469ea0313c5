package fr.mssante.connector.smtp;

import fr.mssante.connector.server.TestConnection;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A bare SMTP client over a real socket: what it sends is exactly what the test says. */
public final class SmtpTestClient extends TestConnection {

    public SmtpTestClient(InetSocketAddress server) throws IOException {
        super(server);
    }

    /** Implicit TLS (SMTPS). */
    public SmtpTestClient(InetSocketAddress server, SSLContext tls, String... suites) throws IOException {
        super(server, tls, suites);
    }

    /** Sends {@code line} + CRLF and returns the last line of the reply. */
    public String command(String line) throws IOException {
        queue((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return readReply();
    }

    /** Reads the continuation lines of a reply and returns its last line. */
    public String readReply() throws IOException {
        String line = readLine();
        while (line.length() > 3 && line.charAt(3) == '-') {
            line = readLine();
        }
        return line;
    }
}
