package fr.mssante.connector.server;

/** A PROXY protocol header that the spec says to reject; the message says why, for the log. */
public final class MalformedProxyHeaderException extends Exception {

    MalformedProxyHeaderException(String reason) {
        super(reason);
    }
}
