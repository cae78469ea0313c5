package fr.mssante.ejb.relay.smtp;

import java.io.IOException;

/** The peer broke the protocol (malformed reply, unexpected code): like a lost connection, a temporary failure. */
public class SmtpProtocolException extends IOException {

    public SmtpProtocolException(String message) {
        super(message);
    }
}
