package fr.mssante.ejb.relay.smtp;

/**
 * An attempt that failed as a whole, before any recipient got its own answer: no route, no connection,
 * no STARTTLS, a refused peer certificate, a greeting or MAIL FROM refused, a message the peer cannot
 * take. Every recipient of the attempt shares the outcome.
 *
 * @see #permanent whether retrying can help
 */
public class SmtpFailure extends Exception {

    private final boolean permanent;
    private final String status;
    private final PeerReply reply;
    private final String remoteMta;

    /**
     * @param permanent whether the recipients fail now (5xx-like) rather than being retried
     * @param status    RFC 3463 enhanced status for the notices ({@code 4.4.1}, {@code 5.3.4}...)
     * @param reply     the peer's reply that decided it, null when none did (network, TLS, local decision)
     * @param remoteMta the host that answered or was tried last, null when none was reached
     */
    public SmtpFailure(boolean permanent, String status, String message, PeerReply reply, String remoteMta,
                       Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.status = status;
        this.reply = reply;
        this.remoteMta = remoteMta;
    }

    public static SmtpFailure temporary(String status, String message, String remoteMta, Throwable cause) {
        return new SmtpFailure(false, status, message, null, remoteMta, cause);
    }

    public static SmtpFailure permanent(String status, String message, String remoteMta) {
        return new SmtpFailure(true, status, message, null, remoteMta, null);
    }

    /** A refusal in a peer's reply: permanent for 5xx, temporary for 4xx. */
    public static SmtpFailure refused(String stage, PeerReply reply, String remoteMta) {
        return new SmtpFailure(reply.isPermanent(), reply.statusOrGeneric(), stage + " refused: " + reply, reply,
                remoteMta, null);
    }

    public boolean permanent() {
        return permanent;
    }

    public String status() {
        return status;
    }

    public PeerReply reply() {
        return reply;
    }

    public String remoteMta() {
        return remoteMta;
    }
}
